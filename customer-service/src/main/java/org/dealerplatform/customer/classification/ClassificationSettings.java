package org.dealerplatform.customer.classification;

import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Classification rule versions from {@code dealer.customer.classification.rules} (CUS-3); none configured → the
 * documented defaults ({@link RuleVersion#defaults()}).
 */
@ConfigurationProperties("dealer.customer.classification")
public record ClassificationSettings(List<Rule> rules) {

    /** One configured version; amounts in fen. */
    public record Rule(String version, LocalDate effectiveFrom, long vipAmountFen, int vipVehicles,
            long firstClassAmountFen, int firstClassVehicles, long secondClassAmountFen, int secondClassVehicles) {
    }

    public ClassificationRules toRules() {
        if (rules == null || rules.isEmpty()) {
            return new ClassificationRules(List.of());
        }
        return new ClassificationRules(rules.stream().map(r -> new RuleVersion(r.version(), r.effectiveFrom(),
                new RuleVersion.Threshold(r.vipAmountFen(), r.vipVehicles()),
                new RuleVersion.Threshold(r.firstClassAmountFen(), r.firstClassVehicles()),
                new RuleVersion.Threshold(r.secondClassAmountFen(), r.secondClassVehicles()))).toList());
    }
}
