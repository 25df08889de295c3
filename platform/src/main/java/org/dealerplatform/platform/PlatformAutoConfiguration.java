package org.dealerplatform.platform;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.dealerplatform.platform.audit.ExportAudit;
import org.dealerplatform.platform.audit.ExportAuditController;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.events.EventFactory;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.EventTracing;
import org.dealerplatform.security.masking.MaskedObservations;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.dealerplatform.platform.jobs.ExclusiveJobs;
import org.dealerplatform.platform.kafka.EventsKafkaConfiguration;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxLease;
import org.dealerplatform.platform.outbox.OutboxRelay;
import org.dealerplatform.platform.outbox.OutboxSignal;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.CallerArgumentResolver;
import org.dealerplatform.platform.security.ServiceSecurityConfiguration;
import org.dealerplatform.platform.web.BodyText;
import org.dealerplatform.platform.web.ControlCharacterFilter;
import org.dealerplatform.platform.web.CorrelationFilter;
import org.dealerplatform.platform.web.JsonBodyLimitFilter;
import org.dealerplatform.platform.web.IdempotencyKeyArgumentResolver;
import org.dealerplatform.platform.web.ApiDocumentOpenApi;
import org.dealerplatform.platform.web.IdempotencyKeyOpenApi;
import org.dealerplatform.platform.web.RequestFingerprintFilter;
import org.dealerplatform.platform.web.ProblemDetailsAdvice;
import org.dealerplatform.platform.web.ProblemErrorController;
import org.dealerplatform.platform.web.ProblemErrorReportValve;
import org.dealerplatform.platform.web.Problems;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
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
import org.springframework.util.unit.DataSize;
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
        "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"})
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
        return new BusinessCalendar(clock, ZoneId.of(environment.getProperty("dealer.business-zone", BusinessCalendar.DEFAULT_ZONE.getId())));
    }

    /** Bean validation's "now" ({@code @PastOrPresent} …) is the business zone's, so "today" in Nanjing is valid at 07:00. */
    @Bean
    public ValidationConfigurationCustomizer businessZoneValidationClock(BusinessCalendar calendar) {
        return configuration -> configuration.clockProvider(() -> calendar.clock().withZone(calendar.zone()));
    }

    /**
     * OBS-1: events and Micrometer Tracing (OpenTelemetry bridge, Boot's {@code spring-boot-starter-opentelemetry}):
     * the traceparent kept with each pending event, the relay's publish span and the consumers' record spans. Without a
     * tracer bean (tracing switched off) nothing is traced.
     */
    @Bean
    public EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new EventTracing(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /** OBS-2: mobiles and e-mails masked in the spans' attributes (a request URL's query string) before export. */
    @Bean
    public MaskedObservations maskedObservations() {
        return new MaskedObservations();
    }

    @Bean
    public EventFactory eventFactory(JsonMapper json, PlatformProperties properties, Clock clock, EventTracing tracing) {
        String prefix = properties.events().typePrefix();
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalStateException("dealer.events.type-prefix must be set, e.g. dealer.customers");
        }
        return new EventFactory(json, prefix, clock, tracing);
    }

    @Bean
    public EventReader eventReader(JsonMapper json) {
        return new EventReader(json);
    }

    @Bean
    public EventDispatcher eventDispatcher(EventReader reader, MeterRegistry meters, EventTracing tracing) {
        return new EventDispatcher(reader, meters, tracing);
    }

    /** REL-4: ShedLock's MongoDB lock provider, its locks extended while a job runs (collection {@value ExclusiveJobs#LOCKS}). */
    @Bean
    @ConditionalOnMissingBean
    public LockProvider jobLockProvider(MongoTemplate mongo) {
        ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "job-lock-keep-alive");
            thread.setDaemon(true);
            return thread;
        });
        return new KeepAliveLockProvider(new MongoLockProvider(mongo.getDb().getCollection(ExclusiveJobs.LOCKS)), keepAlive);
    }

    @Bean
    public ExclusiveJobs exclusiveJobs(LockProvider jobLockProvider, MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        return new ExclusiveJobs(jobLockProvider, mongo, clock, meters);
    }

    @Bean
    public OutboxSignal outboxSignal() {
        return new OutboxSignal();
    }

    @Bean
    public OutboxSupport outboxSupport(MongoTemplate mongo, EventFactory events, OutboxSignal signal) {
        return new OutboxSupport(mongo, events, signal);
    }

    /** SEC-9: the audit every export of customer data writes (collection {@value ExportAudit#COLLECTION}). */
    @Bean
    public ExportAudit exportAudit(MongoTemplate mongo, Clock clock) {
        return new ExportAudit(mongo, clock);
    }

    /** SEC-9: HQ's read of the export audit, at the path the service names (e.g. {@code /api/sales/export-audit}). */
    @Bean
    @ConditionalOnProperty("dealer.audit.export-audit-path")
    public ExportAuditController exportAuditController(ExportAudit exportAudit) {
        return new ExportAuditController(exportAudit);
    }

    /** REL-7: the kept answers of keyed commands that keep no key in an aggregate of their own. */
    @Bean
    public org.dealerplatform.platform.idempotency.KeptAnswers keptAnswers(MongoTemplate mongo, JsonMapper json, Clock clock) {
        return new org.dealerplatform.platform.idempotency.KeptAnswers(mongo, json, clock);
    }

    @Bean
    public IdempotentWrites idempotentWrites(MongoTemplate mongo) {
        return new IdempotentWrites(mongo);
    }

    @Bean
    @ConditionalOnProperty(prefix = "dealer.outbox", name = "enabled", havingValue = "true", matchIfMissing = true)
    public OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> eventsKafkaTemplate,
            OutboxSignal signal, ObjectProvider<AggregateStore<?>> stores, PlatformProperties properties,
            Environment environment, Clock clock, MeterRegistry meters, EventTracing tracing) {
        String source = source(properties, environment);
        String owner = source + "@" + ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        PlatformProperties.Outbox outbox = properties.outbox();
        List<String> collections = stores.orderedStream().map(AggregateStore::collection).distinct().toList();
        return new OutboxRelay(mongo, eventsKafkaTemplate, signal, collections,
                new OutboxLease(mongo, "relay", owner, outbox.leaseTtl(), clock), source, outbox.pollInterval(),
                outbox.batchSize(), clock, meters, tracing);
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

    /** SEC-8: control characters in the path or a query parameter are a 400 problem naming it. */
    @Bean
    public FilterRegistrationBean<ControlCharacterFilter> controlCharacterFilter(Problems problems) {
        FilterRegistrationBean<ControlCharacterFilter> registration =
                new FilterRegistrationBean<>(new ControlCharacterFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1); // after the correlation id, before security
        return registration;
    }

    /**
     * SEC-3: JSON bodies over 256 KiB ({@code dealer.web.max-json-body}) are a 413 problem, and so are bodies over the
     * limit of a path listed in {@code dealer.web.body-limits} ({@code - path: /api/x/**}, {@code max: 64KB}).
     */
    @Bean
    public FilterRegistrationBean<JsonBodyLimitFilter> jsonBodyLimitFilter(Problems problems, Environment environment) {
        DataSize max = environment.getProperty("dealer.web.max-json-body", DataSize.class, DataSize.ofKilobytes(256));
        List<JsonBodyLimitFilter.PathLimit> pathLimits = bodyLimits(environment);
        FilterRegistrationBean<JsonBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new JsonBodyLimitFilter(max.toBytes(), pathLimits, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    private static List<JsonBodyLimitFilter.PathLimit> bodyLimits(Environment environment) {
        List<JsonBodyLimitFilter.PathLimit> pathLimits = new ArrayList<>();
        for (int i = 0; environment.containsProperty("dealer.web.body-limits[" + i + "].path"); i++) {
            pathLimits.add(new JsonBodyLimitFilter.PathLimit(
                    environment.getProperty("dealer.web.body-limits[" + i + "].path"),
                    environment.getRequiredProperty("dealer.web.body-limits[" + i + "].max", DataSize.class).toBytes()));
        }
        return pathLimits;
    }

    /**
     * SEC-8: the controllers' JSON converter refuses control characters other than TAB, CR and LF in body text (400
     * problem naming the field); ordered after Boot's customizer, whose plain converter it replaces.
     */
    @Bean
    @org.springframework.core.annotation.Order(Ordered.LOWEST_PRECEDENCE)
    public org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer bodyTextJsonConverter(
            JsonMapper json) {
        return builder -> builder.withJsonConverter(BodyText.requestBodyConverter(json));
    }

    /** SEC-8: the container's error page answers with problem details, not Boot's error JSON. */
    @Bean
    public ProblemErrorController problemErrorController(Problems problems) {
        return new ProblemErrorController(problems);
    }

    /** SEC-8: what Tomcat refuses before any filter (encoded slash or NUL in the path ...) is a problem too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatProblems {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }

    /** REL-7: fingerprints requests that carry an Idempotency-Key, after the correlation id is known. */
    @Bean
    public FilterRegistrationBean<RequestFingerprintFilter> requestFingerprintFilter(JsonMapper json, Problems problems) {
        FilterRegistrationBean<RequestFingerprintFilter> registration =
                new FilterRegistrationBean<>(new RequestFingerprintFilter(json, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3); // after the body-size limit, so it never buffers an oversized body
        return registration;
    }

    @Bean
    public IdempotencyKeyOpenApi idempotencyKeyOpenApi() {
        return new IdempotencyKeyOpenApi();
    }

    /** Issue 12: what every service's OpenAPI document says the same way (security, problem answers, limits). */
    @Bean
    public ApiDocumentOpenApi apiDocumentOpenApi(Environment environment) {
        return new ApiDocumentOpenApi(environment.getProperty("spring.application.name", "dealer-platform"),
                bodyLimits(environment));
    }

    @Bean
    public WebMvcConfigurer callerParameter(Clock clock) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
                resolvers.add(new IdempotencyKeyArgumentResolver(clock));
                resolvers.add(new org.dealerplatform.platform.web.SpooledCsvArgumentResolver());
            }
        };
    }
}
