package org.dealerplatform.sales.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.dealerplatform.test.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Package-by-feature rules: feature roots are plain Java; only the platform talks to Kafka directly. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.dealerplatform.sales");
    static final String[] FEATURE_ROOTS = {"org.dealerplatform.sales.sale", "org.dealerplatform.sales.rollup",
            "org.dealerplatform.sales.target", "org.dealerplatform.sales.report", "org.dealerplatform.sales.market",
            "org.dealerplatform.sales.organisation", "org.dealerplatform.sales.visit", "org.dealerplatform.sales.lead",
            "org.dealerplatform.sales.morning"};

    @Test
    @DisplayName("domain packages (feature roots) do not depend on web, persistence, messaging, Spring web or Kafka")
    void domainIsPlainJava() {
        noClasses().that().resideInAnyPackage(FEATURE_ROOTS)
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "..persistence..", "..messaging..",
                        "org.springframework.web..", "org.springframework.kafka..", "org.springframework.data..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("events leave only through the outbox, no multi-document transactions, no synchronous calls to other services")
    void followsTheDeliveryRules() {
        ArchitectureRules.SERVICE_RULES.check(CLASSES);
    }

    @Test
    @DisplayName("only web adapters depend on web adapters: domain, persistence and messaging never call controllers")
    void webAdaptersStayApart() {
        noClasses().that().resideOutsideOfPackages("..web..").should().dependOnClassesThat().resideInAnyPackage("..web..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("issue 14: one business calendar, no service source hard-codes a zone (ZoneId.of(\"…\"))")
    void oneBusinessCalendar() {
        ArchitectureRules.assertNoHardCodedZones(java.nio.file.Path.of("src/main/java"));
    }
}
