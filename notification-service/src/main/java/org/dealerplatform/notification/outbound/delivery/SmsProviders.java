package org.dealerplatform.notification.outbound.delivery;

import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.notification.NotificationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The SMS providers in failover order (NOT-5): the first that accepts the message wins. */
@Component
public class SmsProviders {

    /** Which provider took the message, and its message id (for delivery receipts). */
    public record Accepted(String provider, String messageId) {
    }

    private final List<SmsProvider> providers = new ArrayList<>();

    public SmsProviders(NotificationProperties properties, JsonMapper json, MeterRegistry meters) {
        for (NotificationProperties.Provider settings : properties.sms().providers()) {
            SmsProvider provider = new SmsProvider(settings, json);
            providers.add(provider);
            Gauge.builder("dealer.notifications.sms.circuit.open", provider,
                            p -> p.circuitBreaker().getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                    .tag("provider", provider.name()).register(meters);
        }
    }

    /** Sends through the first provider that accepts; otherwise throws {@link SmsSendFailure} saying how to react. */
    public Accepted send(String to, String text, String reference) {
        return send(to, text, reference, null);
    }

    /**
     * As above, asking {@code unansweredBefore} first: the provider an earlier attempt got no answer from, which may
     * have the message (the same {@code Idempotency-Key} keeps it from sending twice). A provider that does not answer
     * in time ends the attempt: asking the next provider could send the message a second time. The others are asked
     * only when that provider answers that it did not take it (refused connection, 5xx); while its circuit is open
     * the message waits for it.
     */
    public Accepted send(String to, String text, String reference, String unansweredBefore) {
        if (providers.isEmpty()) {
            throw new SmsSendFailure(SmsSendFailure.Kind.UNAVAILABLE, "no SMS provider configured");
        }
        List<SmsProvider> order = new ArrayList<>(providers);
        order.stream().filter(p -> p.name().equals(unansweredBefore)).findFirst().ifPresent(first -> {
            order.remove(first);
            order.add(0, first);
        });
        List<String> problems = new ArrayList<>();
        boolean tried = false;
        for (SmsProvider provider : order) {
            try {
                return new Accepted(provider.name(), provider.send(to, text, reference));
            } catch (CallNotPermittedException | BulkheadFullException unavailable) {
                problems.add(provider.name() + " unavailable (" + unavailable.getClass().getSimpleName() + ")");
                if (provider.name().equals(unansweredBefore)) {
                    // it may have the message: wait for it rather than have another provider send it again
                    throw new SmsSendFailure(SmsSendFailure.Kind.UNAVAILABLE, String.join("; ", problems)
                            + "; waiting for it, as it may have the message", provider.name());
                }
            } catch (SmsProvider.Unanswered unanswered) {
                problems.add(unanswered.getMessage());
                throw new SmsSendFailure(SmsSendFailure.Kind.TRANSIENT, String.join("; ", problems), provider.name());
            } catch (SmsProvider.Unreachable failed) {
                tried = true;
                problems.add(failed.getMessage());
            } catch (SmsProvider.Rejected rejected) {
                throw new SmsSendFailure(SmsSendFailure.Kind.REJECTED, rejected.getMessage());
            }
        }
        throw new SmsSendFailure(tried ? SmsSendFailure.Kind.TRANSIENT : SmsSendFailure.Kind.UNAVAILABLE,
                String.join("; ", problems));
    }

    /** The circuit breaker state of a provider, e.g. for health and tests. */
    public CircuitBreaker.State state(String provider) {
        return providers.stream().filter(p -> p.name().equals(provider)).findFirst()
                .map(p -> p.circuitBreaker().getState()).orElseThrow();
    }

    public List<String> names() {
        return providers.stream().map(SmsProvider::name).toList();
    }
}
