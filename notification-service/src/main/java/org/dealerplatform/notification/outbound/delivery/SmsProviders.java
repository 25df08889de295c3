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

    /** Sends a free-text SMS through the first provider that accepts; otherwise throws {@link SmsSendFailure}. */
    public Accepted send(String to, String text, String reference) {
        return send(SmsMessage.text(to, text), reference, null);
    }

    /**
     * Sends through the first provider that accepts, asking {@code unansweredBefore} first: the provider an earlier
     * attempt got no answer from, which may have the message (the same {@code Idempotency-Key} keeps it from sending
     * twice). A provider that does not answer in time ends the attempt: asking the next provider could send the message
     * a second time. The others are asked only when that provider answers that it did not take it (refused connection,
     * 5xx, throttled); while its circuit is open the message waits for it. A provider that cannot send this message at
     * all (a template provider without a template for its purpose, ECO-1) is passed over; if none can, the SMS is
     * refused ({@code REJECTED}: another channel takes over).
     */
    public Accepted send(SmsMessage message, String reference, String unansweredBefore) {
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
        boolean usable = false;
        for (SmsProvider provider : order) {
            if (!provider.supports(message)) {
                problems.add(provider.name() + " has no template for " + message.purpose());
                continue;
            }
            usable = true;
            try {
                return new Accepted(provider.name(), provider.send(message, reference));
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
        if (!usable) {
            throw new SmsSendFailure(SmsSendFailure.Kind.REJECTED, String.join("; ", problems));
        }
        throw new SmsSendFailure(tried ? SmsSendFailure.Kind.TRANSIENT : SmsSendFailure.Kind.UNAVAILABLE,
                String.join("; ", problems));
    }

    /** The configured provider {@code name} (for its callbacks), if any. */
    public java.util.Optional<SmsProvider> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
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
