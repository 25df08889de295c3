package org.dealerplatform.platform.consumer;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * REL-1: which consumed topics are failing transiently right now (a dependency away, the partition waiting for it), as a
 * health contributor ({@code consumers}) and the gauge {@code dealer.consumer.transient.failing}. A topic is failing from
 * its first transient failure until a batch of it succeeds (or its record is dead-lettered).
 *
 * <p>The status stays {@code UP}: the service is alive, answers and will resume by itself, and launchers wait for
 * {@code UP}; the failing topics are in the details ({@code transientlyFailing}, and per topic since when and why).
 */
public class TransientFailures extends AbstractHealthIndicator {

    private final Map<String, Failing> failing = new ConcurrentHashMap<>();
    private final Clock clock;

    /** One topic's running failure. */
    public record Failing(Instant since, long attempts, String lastError) {
    }

    public TransientFailures(MeterRegistry meters, Clock clock) {
        super("consumer health check failed");
        this.clock = clock;
        Gauge.builder("dealer.consumer.transient.failing", failing, Map::size)
                .description("Consumed topics whose records fail transiently right now and are being retried (REL-1)")
                .register(meters);
    }

    /** A transient failure of a record of {@code topic}. */
    public void failed(String topic, Throwable failure) {
        failing.merge(topic, new Failing(clock.instant(), 1, String.valueOf(failure)),
                (was, now) -> new Failing(was.since(), was.attempts() + 1, now.lastError()));
    }

    /** Records of these topics were handled (or settled in the dead-letter topic): they no longer fail. */
    public void recovered(Collection<String> topics) {
        if (!failing.isEmpty()) {
            topics.forEach(failing::remove);
        }
    }

    /** The topics failing now. */
    public Map<String, Failing> failing() {
        return Map.copyOf(failing);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("transientlyFailing", !failing.isEmpty());
        if (!failing.isEmpty()) {
            Map<String, Object> topics = new TreeMap<>();
            failing.forEach((topic, f) -> topics.put(topic, Map.of("since", f.since().toString(),
                    "attempts", f.attempts(), "lastError", f.lastError())));
            builder.withDetail("topics", topics);
        }
    }
}
