package org.dealerplatform.platform;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.events.EventFactory;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.kafka.EventsKafkaConfiguration;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxLease;
import org.dealerplatform.platform.outbox.OutboxRelay;
import org.dealerplatform.platform.outbox.OutboxSignal;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.CallerArgumentResolver;
import org.dealerplatform.platform.security.ServiceSecurityConfiguration;
import org.dealerplatform.platform.web.CorrelationFilter;
import org.dealerplatform.platform.web.IdempotencyKeyArgumentResolver;
import org.dealerplatform.platform.web.IdempotencyKeyOpenApi;
import org.dealerplatform.platform.web.RequestFingerprintFilter;
import org.dealerplatform.platform.web.ProblemDetailsAdvice;
import org.dealerplatform.platform.web.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the shared plumbing into every service that depends on this module: event envelope, outbox and relay,
 * idempotent writes, Kafka error handling and topics, JWT resource server, problem details, correlation ids.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration"})
@EnableConfigurationProperties(PlatformProperties.class)
@Import({EventsKafkaConfiguration.class, ServiceSecurityConfiguration.class})
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    public BusinessCalendar businessCalendar(Clock clock, Environment environment) {
        return new BusinessCalendar(clock, ZoneId.of(environment.getProperty("dealer.business-zone", "Asia/Shanghai")));
    }

    /** Bean validation's "now" ({@code @PastOrPresent} …) is the business zone's, so "today" in Nanjing is valid at 07:00. */
    @Bean
    public ValidationConfigurationCustomizer businessZoneValidationClock(BusinessCalendar calendar) {
        return configuration -> configuration.clockProvider(() -> calendar.clock().withZone(calendar.zone()));
    }

    @Bean
    public EventFactory eventFactory(JsonMapper json, PlatformProperties properties, Clock clock) {
        String prefix = properties.events().typePrefix();
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalStateException("dealer.events.type-prefix must be set, e.g. dealer.customers");
        }
        return new EventFactory(json, prefix, clock);
    }

    @Bean
    public EventReader eventReader(JsonMapper json) {
        return new EventReader(json);
    }

    @Bean
    public EventDispatcher eventDispatcher(EventReader reader, MeterRegistry meters) {
        return new EventDispatcher(reader, meters);
    }

    @Bean
    public OutboxSignal outboxSignal() {
        return new OutboxSignal();
    }

    @Bean
    public OutboxSupport outboxSupport(MongoTemplate mongo, EventFactory events, OutboxSignal signal) {
        return new OutboxSupport(mongo, events, signal);
    }

    @Bean
    public IdempotentWrites idempotentWrites(MongoTemplate mongo) {
        return new IdempotentWrites(mongo);
    }

    @Bean
    @ConditionalOnProperty(prefix = "dealer.outbox", name = "enabled", havingValue = "true", matchIfMissing = true)
    public OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> eventsKafkaTemplate,
            OutboxSignal signal, ObjectProvider<AggregateStore<?>> stores, PlatformProperties properties,
            Environment environment, Clock clock, MeterRegistry meters) {
        String source = source(properties, environment);
        String owner = source + "@" + ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        PlatformProperties.Outbox outbox = properties.outbox();
        List<String> collections = stores.orderedStream().map(AggregateStore::collection).distinct().toList();
        return new OutboxRelay(mongo, eventsKafkaTemplate, signal, collections,
                new OutboxLease(mongo, "relay", owner, outbox.leaseTtl(), clock), source, outbox.pollInterval(),
                outbox.batchSize(), clock, meters);
    }

    static String source(PlatformProperties properties, Environment environment) {
        String source = properties.events().source();
        if (source == null || source.isBlank()) {
            source = environment.getProperty("spring.application.name", "unknown-service");
        }
        return source.startsWith("/") ? source : "/" + source;
    }

    @Bean(name = "mongoHealthContributor")
    public MongoPingHealthIndicator mongoHealthContributor(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    @Bean
    public Problems problems(JsonMapper json) {
        return new Problems(json);
    }

    @Bean
    public ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    public FilterRegistrationBean<CorrelationFilter> correlationFilter() {
        FilterRegistrationBean<CorrelationFilter> registration = new FilterRegistrationBean<>(new CorrelationFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** REL-7: fingerprints requests that carry an Idempotency-Key, after the correlation id is known. */
    @Bean
    public FilterRegistrationBean<RequestFingerprintFilter> requestFingerprintFilter(JsonMapper json, Problems problems) {
        FilterRegistrationBean<RequestFingerprintFilter> registration =
                new FilterRegistrationBean<>(new RequestFingerprintFilter(json, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    public IdempotencyKeyOpenApi idempotencyKeyOpenApi() {
        return new IdempotencyKeyOpenApi();
    }

    @Bean
    public WebMvcConfigurer callerParameter(Clock clock) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
                resolvers.add(new IdempotencyKeyArgumentResolver(clock));
            }
        };
    }
}
