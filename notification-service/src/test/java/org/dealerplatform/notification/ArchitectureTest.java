package org.dealerplatform.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.dealerplatform.test.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The feature roots stay plain domain code; adapters live in web/messaging/persistence sub-packages. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.dealerplatform.notification");

    /** Feature roots (domain). */
    static final String[] DOMAIN = {"org.dealerplatform.notification.outbound", "org.dealerplatform.notification.optout",
            "org.dealerplatform.notification.consent", "org.dealerplatform.notification.letter",
            "org.dealerplatform.notification.call", "org.dealerplatform.notification.contact"};

    @Test
    @DisplayName("domain packages do not depend on web, messaging, persistence, Spring Web or Spring Kafka")
    void domainIsPlain() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "..messaging..", "..persistence..",
                        "org.springframework.web..", "org.springframework.kafka..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("the pure rules (policy, templates, aggregates) do not depend on Spring at all")
    void rulesAreFrameworkFree() {
        noClasses().that().haveFullyQualifiedName("org.dealerplatform.notification.outbound.DeliveryPolicy")
                .or().haveFullyQualifiedName("org.dealerplatform.notification.outbound.MessageTemplates")
                .or().haveFullyQualifiedName("org.dealerplatform.notification.outbound.Notification")
                .or().haveFullyQualifiedName("org.dealerplatform.notification.optout.OptOutRecord")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("events leave only through the outbox, no multi-document transactions, no synchronous calls to other services")
    void followsTheDeliveryRules() {
        ArchitectureRules.SERVICE_RULES.check(CLASSES);
    }

    @Test
    @DisplayName("issue 14: one business calendar, no service source hard-codes a zone (ZoneId.of(\"…\"))")
    void oneBusinessCalendar() {
        ArchitectureRules.assertNoHardCodedZones(java.nio.file.Path.of("src/main/java"));
    }
}
