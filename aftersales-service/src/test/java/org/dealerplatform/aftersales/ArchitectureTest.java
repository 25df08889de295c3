package org.dealerplatform.aftersales;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.dealerplatform.test.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static final String BASE = "org.dealerplatform.aftersales";
    static final String[] FEATURE_ROOTS = {BASE + ".vehicle", BASE + ".workorder", BASE + ".followup",
            BASE + ".campaign", BASE + ".reminder", BASE + ".kpi", BASE + ".nextstep"};

    final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    @DisplayName("domain packages (feature roots) do not depend on web, persistence, messaging or application adapters, nor Spring web/Kafka")
    void domainIsPlainJava() {
        noClasses().that().resideInAnyPackage(FEATURE_ROOTS)
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "..persistence..", "..messaging..",
                        "..application..", "org.springframework.web..", "org.springframework.kafka..",
                        "org.springframework.data.mongodb..")
                .check(classes);
    }

    @Test
    @DisplayName("events leave only through the outbox, no multi-document transactions, no synchronous calls to other services")
    void followsTheDeliveryRules() {
        ArchitectureRules.SERVICE_RULES.check(classes);
    }

    @Test
    @DisplayName("web adapters are not used by persistence or messaging adapters")
    void adaptersDoNotUseWeb() {
        noClasses().that().resideInAnyPackage("..persistence..", "..messaging..", "..application..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".*.web..", "org.springframework.web..")
                .check(classes);
    }

    @Test
    @DisplayName("issue 14: one business calendar, no service source hard-codes a zone (ZoneId.of(\"…\"))")
    void oneBusinessCalendar() {
        ArchitectureRules.assertNoHardCodedZones(java.nio.file.Path.of("src/main/java"));
    }
}
