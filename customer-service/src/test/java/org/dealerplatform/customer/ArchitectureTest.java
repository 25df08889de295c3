package org.dealerplatform.customer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.dealerplatform.test.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Package-by-feature rules (docs/architecture.md): feature roots are plain domain code; only the platform talks to Kafka. */
class ArchitectureTest {

    static final String[] FEATURE_ROOTS = {"org.dealerplatform.customer.file", "org.dealerplatform.customer.vehicle",
            "org.dealerplatform.customer.consent", "org.dealerplatform.customer.classification",
            "org.dealerplatform.customer.overdue", "org.dealerplatform.customer.history",
            "org.dealerplatform.customer.imports"};

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.dealerplatform.customer");
    }

    @Test
    @DisplayName("feature roots (domain) do not depend on web, persistence, messaging adapters, Spring web or Kafka")
    void domainIsPlain() {
        noClasses().that().resideInAnyPackage(FEATURE_ROOTS)
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "..persistence..", "..messaging..",
                        "..application..", "org.springframework.web..", "org.springframework.kafka..",
                        "org.springframework.data..")
                .check(classes);
    }

    @Test
    @DisplayName("events leave only through the outbox, no multi-document transactions, no synchronous calls to other services")
    void followsTheDeliveryRules() {
        ArchitectureRules.SERVICE_RULES.check(classes);
    }

    @Test
    @DisplayName("controllers live in web packages and Kafka listeners in messaging packages")
    void adaptersInTheirPackages() {
        noClasses().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().resideOutsideOfPackage("..web..").check(classes);
        noClasses().that().resideOutsideOfPackage("..messaging..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.annotation.KafkaListener")
                .check(classes);
    }

    @Test
    @DisplayName("issue 14: one business calendar, no service source hard-codes a zone (ZoneId.of(\"…\"))")
    void oneBusinessCalendar() {
        ArchitectureRules.assertNoHardCodedZones(java.nio.file.Path.of("src/main/java"));
    }
}
