package org.dealerplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** REL-4: what every service's event consumers are built with. */
class ConsumerSettingsTest {

    @Test
    @DisplayName("REL-4 a consumer that died without leaving its group hands its partitions on after 10 s (heartbeat 3 s), not Kafka's 45 s; offsets are committed by the container only")
    void deadConsumersPartitionsMoveAfterTenSeconds() {
        Map<String, Object> config = new EventsKafkaConfiguration().eventsConsumerFactory(new KafkaProperties())
                .getConfigurationProperties();
        assertThat(config).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000)
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }

    @Test
    @DisplayName("REL-4 a deployment's own spring.kafka.consumer session timeout is kept")
    void aDeploymentsOwnSessionTimeoutWins() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getConsumer().getProperties().put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000");
        Map<String, Object> config = new EventsKafkaConfiguration().eventsConsumerFactory(kafka)
                .getConfigurationProperties();
        assertThat(config).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000");
    }
}
