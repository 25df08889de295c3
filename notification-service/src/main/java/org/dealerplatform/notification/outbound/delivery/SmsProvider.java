package org.dealerplatform.notification.outbound.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.dealerplatform.notification.NotificationProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One SMS provider's HTTP API ({@code POST <base-url>/messages} with {@code {to, text, reference}}, answered
 * {@code {messageId}}), behind its own Resilience4j circuit breaker and bulkhead and with a request timeout (NOT-5).
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
    private final URI messages;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonMapper json;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;

    public SmsProvider(NotificationProperties.Provider settings, JsonMapper json) {
        this.name = settings.name();
        String base = settings.baseUrl().endsWith("/") ? settings.baseUrl() : settings.baseUrl() + "/";
        this.messages = URI.create(base).resolve("messages");
        this.apiKey = settings.apiKey();
        this.timeout = settings.timeout() == null ? Duration.ofSeconds(5) : settings.timeout();
        // providers speak HTTP/1.1; no h2c upgrade round trip per connection
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.json = json;
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

    /**
     * Sends one SMS; returns the provider's message id. Throws {@link Rejected}, {@link Unreachable}, or Resilience4j's
     * {@code CallNotPermittedException} (circuit open) / {@code BulkheadFullException}.
     */
    public String send(String to, String text, String reference) {
        return Bulkhead.decorateSupplier(bulkhead,
                CircuitBreaker.decorateSupplier(circuitBreaker, () -> post(to, text, reference))).get();
    }

    private String post(String to, String text, String reference) {
        String body = json.writeValueAsString(Map.of("to", to, "text", text, "reference", reference));
        HttpRequest.Builder request = HttpRequest.newBuilder(messages).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", reference)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new Unreachable(name + " unreachable: no connection within " + timeout.toMillis() + " ms", e);
        } catch (HttpTimeoutException e) {
            throw new Unanswered(name + " did not answer within " + timeout.toMillis() + " ms (it may have the message)", e);
        } catch (IOException e) {
            throw new Unreachable(name + " unreachable: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(name + " call interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            JsonNode answer = json.readTree(response.body());
            JsonNode id = answer.get("messageId");
            return id == null || id.isNull() ? reference : id.asString();
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new Rejected(name + " refused the message: HTTP " + status + " " + abbreviate(response.body()));
        }
        throw new Unreachable(name + " failed: HTTP " + status, null);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) : text;
    }
}
