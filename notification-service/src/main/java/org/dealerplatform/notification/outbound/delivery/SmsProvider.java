package org.dealerplatform.notification.outbound.delivery;

import java.time.Duration;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.dealerplatform.notification.NotificationProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * One SMS provider (NOT-5): its API ({@link SmsApi}: the generic HTTP API, Alibaba Cloud SMS or Tencent Cloud SMS,
 * chosen by the configured {@code type}, ECO-1) behind its own Resilience4j circuit breaker and bulkhead and with a
 * request timeout.
 */
public class SmsProvider {

    /** The provider refused this message (4xx): retrying it elsewhere on SMS will not help. */
    public static class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message);
        }
    }

    /** The provider failed (5xx, timeout, connection refused): counts against its circuit. */
    public static class Unreachable extends RuntimeException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The request was sent but no answer came within the timeout: the provider may have taken the message. Only this
     * provider may be asked again (with the same {@code Idempotency-Key}, so it does not send twice); another provider
     * could send it a second time.
     */
    public static class Unanswered extends Unreachable {
        Unanswered(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String name;
    private final String type;
    private final SmsApi api;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;

    public SmsProvider(NotificationProperties.Provider settings, JsonMapper json) {
        this.name = settings.name();
        this.type = settings.type();
        Duration timeout = settings.timeout() == null ? Duration.ofSeconds(5) : settings.timeout();
        SmsHttp http = new SmsHttp(name, timeout);
        this.api = switch (settings.type()) {
            case NotificationProperties.Provider.ALIBABA -> new AlibabaSms(settings, http, json);
            case NotificationProperties.Provider.TENCENT -> new TencentSms(settings, http, json);
            default -> new GenericHttpSms(settings, http, json);
        };
        this.circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openFor() == null ? Duration.ofSeconds(30) : settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .slowCallDurationThreshold(timeout)
                .ignoreExceptions(Rejected.class)
                .build());
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrent())
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    public String name() {
        return name;
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** {@code generic-http}, {@code alibaba} or {@code tencent} (ECO-1). */
    public String type() {
        return type;
    }

    /** Whether this provider can send the message at all (a template provider needs a template for its purpose). */
    public boolean supports(SmsMessage message) {
        return api.supports(message);
    }

    /**
     * Sends one SMS; returns the provider's message id. Throws {@link Rejected}, {@link Unreachable}, or Resilience4j's
     * {@code CallNotPermittedException} (circuit open) / {@code BulkheadFullException}.
     */
    public String send(SmsMessage message, String reference) {
        return Bulkhead.decorateSupplier(bulkhead,
                CircuitBreaker.decorateSupplier(circuitBreaker, () -> api.send(message, reference))).get();
    }
}
