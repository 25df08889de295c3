package org.dealerplatform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules every service keeps (ARCHITECTURE.md, STYLE.md), in one place: each service's architecture
 * test imports its classes and checks them all.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** The production classes of a service (tests excluded). */
    public static JavaClasses importService(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(basePackage);
    }

    /** Events leave only through the outbox: no service code touches Kafka's producer API. */
    public static final ArchRule NO_DIRECT_KAFKA_PUBLISHING = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.kafka.clients.producer.KafkaProducer")
            .because("events leave through the single-document outbox and its relay (ARCHITECTURE.md, no dual writes)");

    /** Single-document atomicity only: the embedded database has no sessions, and none are needed. */
    public static final ArchRule NO_MULTI_DOCUMENT_TRANSACTIONS = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("com.mongodb.client.ClientSession")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.transaction.annotation.Transactional")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.data.mongodb.MongoTransactionManager")
            .because("state and events are committed in one document write (ARCHITECTURE.md, delivery guarantees)");

    /** No service calls another synchronously to do its work. */
    public static final ArchRule NO_SYNCHRONOUS_SERVICE_CALLS = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.web.client.RestTemplate")
            .orShould().dependOnClassesThat().resideInAPackage("org.springframework.cloud.openfeign..")
            .because("what a service needs of another's data it keeps as a replica built from events");

    /**
     * Domain code is plain Java: classes outside adapter packages ({@code web}, {@code persistence}, {@code messaging})
     * and outside the application/configuration root do not use Spring web or Kafka.
     */
    public static ArchRule domainIsPlainJava(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + ".*..")
                .and().resideOutsideOfPackages("..web..", "..persistence..", "..messaging..", "..config..")
                .and().haveSimpleNameNotEndingWith("Listener")
                .and().haveSimpleNameNotEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.kafka..",
                        "jakarta.servlet..")
                .because("domain rules stay plain Java; adapters live at the edges (STYLE.md)");
    }
}
