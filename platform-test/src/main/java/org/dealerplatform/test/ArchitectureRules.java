package org.dealerplatform.test;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The architecture rules every service keeps (docs/architecture.md), in one place: each service's architecture
 * test checks its production classes against them (the rules about its own packages stay in that test).
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** Events leave only through the outbox: no service code touches Kafka's producer API. */
    public static final ArchRule NO_DIRECT_KAFKA_PUBLISHING = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.kafka.clients.producer.KafkaProducer")
            .because("events leave through the single-document outbox and its relay (docs/architecture.md, no dual writes)");

    /** Single-document atomicity only: the embedded database has no sessions, and none are needed. */
    public static final ArchRule NO_MULTI_DOCUMENT_TRANSACTIONS = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("com.mongodb.client.ClientSession")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.transaction.annotation.Transactional")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.data.mongodb.MongoTransactionManager")
            .because("state and events are committed in one document write (docs/architecture.md, delivery guarantees)");

    /** No service calls another synchronously to do its work. */
    public static final ArchRule NO_SYNCHRONOUS_SERVICE_CALLS = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.web.client.RestTemplate")
            .orShould().dependOnClassesThat().resideInAPackage("org.springframework.cloud.openfeign..")
            .because("what a service needs of another's data it keeps as a replica built from events");

    private static final String EVENTS_LISTENER = "org.dealerplatform.platform.consumer.EventsListener";

    /**
     * Every Kafka listener is an adapter: in a {@code messaging} package, named for what it listens to. A listener is
     * a platform {@code EventsListener} (issue 14: it declares its handlers, the base is the {@code @KafkaListener}) or
     * a class with a {@code @KafkaListener} method of its own.
     */
    public static final ArchRule LISTENERS_IN_MESSAGING = classes()
            .that(describe("are Kafka listeners", (JavaClass c) -> !c.getName().equals(EVENTS_LISTENER)
                    && (c.isAssignableTo(EVENTS_LISTENER) || c.getMethods().stream()
                            .anyMatch(m -> m.isAnnotatedWith("org.springframework.kafka.annotation.KafkaListener")))))
            .should().resideInAPackage("..messaging..")
            .andShould().haveSimpleNameEndingWith("Listener")
            .because("a listener maps an event to one use case and sits with the other adapters (docs/architecture.md)");

    /**
     * Listeners hand events to the platform's typed handlers ({@code EventDispatcher}) instead of reading envelopes and
     * switching on type strings themselves, so the trace scope, error classes and branch check live in one place.
     */
    public static final ArchRule LISTENERS_USE_TYPED_HANDLERS = noClasses()
            .that().resideInAPackage("..messaging..")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.dealerplatform.platform.events.EventReader")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.dealerplatform.platform.events.EventContext")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.data.mongodb.core.MongoTemplate")
            .because("the envelope, trace scope and error handling live in platform's EventHandlers, and stores are "
                    + "called by use cases, not by listeners");

    /** Controllers live in {@code web} packages. */
    public static final ArchRule CONTROLLERS_IN_WEB = noClasses()
            .that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
            .should().resideOutsideOfPackage("..web..")
            .because("controllers are adapters (docs/architecture.md)");

    /**
     * Web adapters speak HTTP and use cases; queries belong to the stores and searches in {@code persistence} (or to
     * use cases), so no controller builds a database query or touches a driver type.
     */
    public static final ArchRule WEB_WITHOUT_DATABASE_TYPES = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data.mongodb..", "com.mongodb..",
                    "org.bson..")
            .because("a controller maps HTTP to a use case; the query and its index belong with the store "
                    + "(docs/architecture.md)");

    /** REL-4: a scheduled job runs on one instance at a time, through the platform's ExclusiveJobs. */
    public static final ArchRule SCHEDULED_JOBS_RUN_ALONE = classes()
            .that(describe("have @Scheduled methods", (JavaClass c) -> c.getMethods().stream()
                    .anyMatch(m -> m.isAnnotatedWith("org.springframework.scheduling.annotation.Scheduled"))))
            .should().dependOnClassesThat().haveFullyQualifiedName("org.dealerplatform.platform.jobs.ExclusiveJobs")
            .because("two instances must not both run a job (REL-4)")
            .allowEmptyShould(true);

    /**
     * The delivery and adapter rules above, as one rule: each service's architecture test checks its production classes
     * against it (one report naming every broken rule), instead of listing the rules again.
     */
    public static final ArchRule SERVICE_RULES = CompositeArchRule.of(NO_DIRECT_KAFKA_PUBLISHING)
            .and(NO_MULTI_DOCUMENT_TRANSACTIONS)
            .and(NO_SYNCHRONOUS_SERVICE_CALLS)
            .and(LISTENERS_IN_MESSAGING)
            .and(LISTENERS_USE_TYPED_HANDLERS)
            .and(CONTROLLERS_IN_WEB)
            .and(WEB_WITHOUT_DATABASE_TYPES)
            .and(SCHEDULED_JOBS_RUN_ALONE);

    private static final Pattern HARD_CODED_ZONE = Pattern.compile("ZoneId\\.of\\(\\s*\"");

    /**
     * One business calendar: "today" and "which day was it" come from the platform's {@code BusinessCalendar} (bean,
     * {@code dealer.business-zone}), so no service source names a zone itself ({@code ZoneId.of("…")}). Bytecode does
     * not show the literal, so this reads the sources; parsing a zone that arrives as data ({@code ZoneId.of(zone)})
     * stays allowed.
     *
     * @param sources a service's production sources, e.g. {@code Path.of("src/main/java")} from its module directory
     */
    public static void assertNoHardCodedZones(Path sources) {
        if (!Files.isDirectory(sources)) {
            throw new AssertionError("no sources at " + sources.toAbsolutePath() + ": the rule would check nothing");
        }
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (HARD_CODED_ZONE.matcher(lines.get(i)).find()) {
                        offenders.add(sources.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!offenders.isEmpty()) {
            throw new AssertionError("hard-coded business zone; take today() / dateOf() / zone() from the platform's "
                    + "BusinessCalendar (docs/architecture.md):\n  " + String.join("\n  ", offenders));
        }
    }
}
