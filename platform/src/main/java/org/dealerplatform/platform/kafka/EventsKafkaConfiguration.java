package org.dealerplatform.platform.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dealerplatform.platform.PlatformProperties;
import org.dealerplatform.platform.consumer.FailureKind;
import org.dealerplatform.platform.consumer.TransientFailures;
import org.dealerplatform.platform.events.ForeignBranchEffectException;
import org.dealerplatform.platform.events.MalformedEventException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka for events: an idempotent {@code acks=all} producer for the relay, consumers of raw CloudEvents bytes behind an
 * {@link ErrorHandlingDeserializer}, exponential back-off then the group's dead-letter topic (never ack-and-drop), and
 * every topic created at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class EventsKafkaConfiguration {

    @Bean
    public KafkaTemplate<String, byte[]> eventsKafkaTemplate(KafkaProperties kafka, PlatformProperties properties) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // REL-3: a send blocked on a broker it cannot reach gives up well within the relay's lease (the relay renews the
        // lease while it awaits acknowledgements, but not while send() itself blocks)
        long lease = properties.outbox().leaseTtl().toMillis();
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.max(500, lease * 2 / 5));
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
        // OBS-1: a producer span per record, child of the current span (the relay's, which continues the traceparent
        // stored with the event); it writes its own context into the record's traceparent header
        template.setObservationEnabled(true);
        return template;
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
        // REL-4: the partitions of an instance that died without leaving its groups (kill -9, a lost node) move to
        // the others after 10 s instead of the client's 45 s default; heartbeats go every 3 s, from their own thread
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return new DefaultKafkaConsumerFactory<>(config);
    }

    /**
     * REL-1: transient failures (database or broker away) are retried with back-off for as long as it takes and never
     * dead-lettered; permanent ones (unreadable, refused for good) go to the group's dead-letter topic at once; anything
     * else is retried a few times first. The dead letter is partitioned by its key, since the dead-letter topic may
     * have fewer partitions than its source.
     */
    @Bean
    public DefaultErrorHandler eventsErrorHandler(KafkaTemplate<String, byte[]> eventsKafkaTemplate,
            KafkaProperties kafka, MeterRegistry meters, TransientFailures consumersHealthIndicator,
            @Value("${dealer.consumer.transient-retry.initial:500ms}") Duration transientInitial,
            @Value("${dealer.consumer.transient-retry.max:5s}") Duration transientMax) {
        String configuredGroup = kafka.getConsumer().getGroupId();
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(eventsKafkaTemplate,
                (record, exception) -> {
                    String group = KafkaUtils.getConsumerGroupId() != null ? KafkaUtils.getConsumerGroupId() : configuredGroup;
                    return new TopicPartition(DeadLetters.topicFor(record.topic(), group), -1);
                });
        ConsumerRecordRecoverer counted = (record, exception) -> {
            // the dead letter names the handler's own failure, not the container's and batch's wrappers around it
            deadLetters.accept(record, unwrapped(exception));
            Counter.builder("dealer.dead.letters").tag("topic", record.topic()).tag("reason", reason(exception))
                    .description("Records sent to a dead-letter topic").register(meters).increment();
            consumersHealthIndicator.recovered(List.of(record.topic()));
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(counted, unknownFailureBackOff());
        BackOff untilBack = transientFailureBackOff(transientInitial, transientMax);
        BackOff never = new FixedBackOff(0, 0);
        handler.setBackOffFunction((record, exception) -> switch (FailureKind.of(exception)) {
            case TRANSIENT -> untilBack;
            case PERMANENT -> never;
            case UNKNOWN -> null;
        });
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int deliveryAttempt) {
                Counter.builder("dealer.events.failures").tag("topic", record.topic())
                        .tag("kind", FailureKind.of(exception).name().toLowerCase(Locale.ROOT))
                        .description("Failed attempts to handle an event, by kind (REL-1)").register(meters).increment();
                if (FailureKind.of(exception) == FailureKind.TRANSIENT) {
                    consumersHealthIndicator.failed(record.topic(), unwrapped(exception));
                }
            }
        });
        return handler;
    }

    /** REL-1: the consumed topics failing transiently now, as the {@code consumers} health contributor and a gauge. */
    @Bean
    public TransientFailures consumersHealthIndicator(MeterRegistry meters, ObjectProvider<Clock> clock) {
        return new TransientFailures(meters, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Back-off for a dependency that is away: by default 0.5 s doubling to 5 s, with no end (the partition waits for it). */
    static BackOff transientFailureBackOff(Duration initial, Duration max) {
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxInterval(max.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }

    /** Back-off for a failure of unknown kind: four retries over about 3 s, then the dead-letter topic. */
    static BackOff unknownFailureBackOff() {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(4);
        backOff.setInitialInterval(200);
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(2_000);
        return backOff;
    }

    static Exception unwrapped(Exception exception) {
        Exception failure = exception;
        while ((failure instanceof ListenerExecutionFailedException || failure instanceof BatchListenerFailedException)
                && failure.getCause() instanceof Exception cause) {
            failure = cause;
        }
        return failure;
    }

    private static String reason(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof ForeignBranchEffectException) {
                return "foreign-branch";
            }
            if (t instanceof MalformedEventException) {
                return "malformed";
            }
        }
        return FailureKind.of(exception) == FailureKind.PERMANENT ? "rejected" : "failed";
    }

    @Bean
    public ConcurrentKafkaListenerContainerFactory<String, byte[]> kafkaListenerContainerFactory(
            DefaultKafkaConsumerFactory<String, byte[]> eventsConsumerFactory, DefaultErrorHandler eventsErrorHandler,
            KafkaProperties kafka, TransientFailures consumersHealthIndicator, MongoTemplate mongo, MeterRegistry meters) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(eventsConsumerFactory);
        factory.setCommonErrorHandler(eventsErrorHandler);
        // REL-6: after a restore, records newer than the backup are skipped (none otherwise: no filter at all)
        RestoreFences fences = RestoreFences.load(mongo, meters);
        if (!fences.isEmpty()) {
            factory.setRecordFilterStrategy(fences);
            factory.setAckDiscarded(true);
        }
        // every listener takes a poll's batch and hands it to its typed handlers (EventHandlers)
        factory.setBatchListener(true);
        // a batch handled clears its topics' transient failures (REL-1 health signal)
        factory.setBatchInterceptor(new BatchInterceptor<>() {
            @Override
            public ConsumerRecords<String, byte[]> intercept(ConsumerRecords<String, byte[]> records,
                    Consumer<String, byte[]> consumer) {
                return records;
            }

            @Override
            public void success(ConsumerRecords<String, byte[]> records, Consumer<String, byte[]> consumer) {
                consumersHealthIndicator.recovered(records.partitions().stream().map(TopicPartition::topic).distinct().toList());
            }
        });
        Integer concurrency = kafka.getListener().getConcurrency();
        if (concurrency != null) {
            factory.setConcurrency(concurrency);
        }
        // OBS-1: the container's consumer observation (a receive span per record, child of its traceparent header, and
        // the spring.kafka.listener timer); the handling itself is in the dispatcher's record span (EventHandlers)
        factory.getContainerProperties().setObservationEnabled(true);
        factory.getContainerProperties().setRecordObservationsInBatch(true);
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
    public DeadLetterController deadLetterController(DeadLetters deadLetters,
            org.dealerplatform.platform.idempotency.KeptAnswers keptAnswers) {
        return new DeadLetterController(deadLetters, keptAnswers);
    }
}
