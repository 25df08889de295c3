package org.dealerplatform.notification.notification.delivery;

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
        if (providers.isEmpty()) {
            throw new SmsSendFailure(SmsSendFailure.Kind.UNAVAILABLE, "no SMS provider configured");
        }
        List<String> problems = new ArrayList<>();
        boolean tried = false;
        for (SmsProvider provider : providers) {
            try {
                return new Accepted(provider.name(), provider.send(to, text, reference));
            } catch (CallNotPermittedException | BulkheadFullException unavailable) {
                problems.add(provider.name() + " unavailable (" + unavailable.getClass().getSimpleName() + ")");
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
