package org.dealerplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RestoreFencesTest {

    static final long SNAPSHOT = 1_000_000L;

    static ConsumerRecord<String, byte[]> record(String topic, int partition, long offset, long timestamp) {
        return new ConsumerRecord<>(topic, partition, offset, timestamp, TimestampType.CREATE_TIME, 0, 0, "key",
                new byte[0], new RecordHeaders(), Optional.empty());
    }

    @Test
    @DisplayName("REL-6 after a restore, a record sent after the backup's instant and below the fence is skipped; "
            + "older records, records at or above the fence and other partitions are applied")
    void skipsOnlyWhatTheRestoredDatabaseNeverSaw() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RestoreFences fences = new RestoreFences(List.of(new RestoreFences.Fence("sales.sale.events", 1, 500, SNAPSHOT)),
                meters);

        assertThat(fences.filter(record("sales.sale.events", 1, 420, SNAPSHOT + 1))).isTrue();
        assertThat(fences.filter(record("sales.sale.events", 1, 410, SNAPSHOT))).isFalse();
        assertThat(fences.filter(record("sales.sale.events", 1, 400, SNAPSHOT - 50))).isFalse();
        // the restored relay sends pending events again after the restore: above the fence
        assertThat(fences.filter(record("sales.sale.events", 1, 500, SNAPSHOT + 9_000))).isFalse();
        assertThat(fences.filter(record("sales.sale.events", 0, 420, SNAPSHOT + 1))).isFalse();
        assertThat(fences.filter(record("customer.customer.events", 1, 420, SNAPSHOT + 1))).isFalse();
        assertThat(meters.counter("dealer.restore.fenced").count()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("REL-6 two restores: each fence applies to its own range")
    void fencesOfTwoRestores() {
        RestoreFences fences = new RestoreFences(List.of(new RestoreFences.Fence("t", 0, 100, 10),
                new RestoreFences.Fence("t", 0, 300, 5_000)), new SimpleMeterRegistry());
        assertThat(fences.filter(record("t", 0, 50, 11))).isTrue();
        assertThat(fences.filter(record("t", 0, 150, 11))).isFalse();
        assertThat(fences.filter(record("t", 0, 150, 5_001))).isTrue();
        assertThat(fences.isEmpty()).isFalse();
        assertThat(new RestoreFences(List.of(), new SimpleMeterRegistry()).isEmpty()).isTrue();
    }
}
