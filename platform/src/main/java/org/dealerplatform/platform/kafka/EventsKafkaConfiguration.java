package org.dealerplatform.platform.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dealerplatform.platform.PlatformProperties;
import org.dealerplatform.platform.events.MalformedEventException;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Kafka for events: an idempotent {@code acks=all} producer for the relay, consumers of raw CloudEvents bytes behind an
 * {@link ErrorHandlingDeserializer}, exponential back-off then the group's dead-letter topic (never ack-and-drop), and
 * every topic created at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class EventsKafkaConfiguration {

    @Bean
    public KafkaTemplate<String, byte[]> eventsKafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    @Bean
    public DefaultKafkaConsumerFactory<String, byte[]> eventsConsumerFactory(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.KEY_DESERIALIZER_CLASS, StringDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, ByteArrayDeserializer.class);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new DefaultKafkaConsumerFactory<>(config);
    }

    @Bean
    public DefaultErrorHandler eventsErrorHandler(KafkaTemplate<String, byte[]> eventsKafkaTemplate,
            KafkaProperties kafka, MeterRegistry meters) {
        String configuredGroup = kafka.getConsumer().getGroupId();
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(eventsKafkaTemplate,
                (record, exception) -> {
                    String group = KafkaUtils.getConsumerGroupId() != null ? KafkaUtils.getConsumerGroupId() : configuredGroup;
                    return new TopicPartition(DeadLetters.topicFor(record.topic(), group), record.partition());
                });
        ConsumerRecordRecoverer counted = (record, exception) -> {
            deadLetters.accept(record, exception);
            Counter.builder("dealer.dead.letters").tag("topic", record.topic())
                    .description("Records sent to a dead-letter topic").register(meters).increment();
        };
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(4);
        backOff.setInitialInterval(200);
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(2_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(counted, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    @Bean
    public ConcurrentKafkaListenerContainerFactory<String, byte[]> kafkaListenerContainerFactory(
            DefaultKafkaConsumerFactory<String, byte[]> eventsConsumerFactory, DefaultErrorHandler eventsErrorHandler,
            KafkaProperties kafka) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(eventsConsumerFactory);
        factory.setCommonErrorHandler(eventsErrorHandler);
        Integer concurrency = kafka.getListener().getConcurrency();
        if (concurrency != null) {
            factory.setConcurrency(concurrency);
        }
        factory.getContainerProperties().setObservationEnabled(false);
        return factory;
    }

    @Bean
    public KafkaAdmin.NewTopics eventTopics(PlatformProperties properties, KafkaProperties kafka) {
        PlatformProperties.Events events = properties.events();
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : events.publishes()) {
            topics.add(TopicBuilder.name(topic).partitions(events.partitions()).replicas(events.replication()).build());
        }
        String group = kafka.getConsumer().getGroupId();
        for (String topic : events.consumes()) {
            topics.add(TopicBuilder.name(topic).partitions(events.partitions()).replicas(events.replication()).build());
            if (group != null) {
                topics.add(TopicBuilder.name(DeadLetters.topicFor(topic, group)).partitions(events.partitions())
                        .replicas(events.replication()).build());
            }
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    public DeadLetters deadLetters(KafkaProperties kafka, KafkaTemplate<String, byte[]> eventsKafkaTemplate,
            PlatformProperties properties) {
        return new DeadLetters(kafka.buildConsumerProperties(), eventsKafkaTemplate, kafka.getConsumer().getGroupId(),
                properties.events().consumes());
    }

    @Bean
    public DeadLetterController deadLetterController(DeadLetters deadLetters) {
        return new DeadLetterController(deadLetters);
    }
}
