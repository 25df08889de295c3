package org.dealerplatform.customer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.dealerplatform.customer.file.CustomerClass;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClassificationRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    final ClassificationRules rules = new ClassificationRules(List.of(RuleVersion.defaults()));

    static Purchase sale(String id, LocalDate date, long fen) {
        return new Purchase(id, date, fen, null, "Passat");
    }

    @Test
    @DisplayName("CUS-3 a sale exactly 12 months old has left the window; one a day younger still counts")
    void windowBoundary() {
        ClassificationRules.Classification old = rules.classify(List.of(sale("s1", TODAY.minusMonths(12), 200_000_000)), TODAY);
        assertThat(old.customerClass()).isEqualTo(CustomerClass.OTHER);
        assertThat(old.windowStart()).isEqualTo(LocalDate.of(2025, 11, 21));
        assertThat(old.windowEnd()).isEqualTo(TODAY);
        assertThat(old.countedSales()).isEmpty();

        ClassificationRules.Classification inside = rules.classify(
                List.of(sale("s1", TODAY.minusMonths(12).plusDays(1), 200_000_000)), TODAY);
        assertThat(inside.customerClass()).isEqualTo(CustomerClass.VIP);
        assertThat(inside.countedSales()).extracting(Purchase::saleId).containsExactly("s1");
    }

    @Test
    @DisplayName("CUS-3 a threshold hit exactly reaches the class; one fen less does not")
    void thresholdBoundary() {
        assertThat(rules.classify(List.of(sale("s1", TODAY, 100_000_000)), TODAY).customerClass()).isEqualTo(CustomerClass.VIP);
        assertThat(rules.classify(List.of(sale("s1", TODAY, 99_999_999)), TODAY).customerClass()).isEqualTo(CustomerClass.FIRST_CLASS);
        assertThat(rules.classify(List.of(sale("s1", TODAY, 30_000_000)), TODAY).customerClass()).isEqualTo(CustomerClass.FIRST_CLASS);
        assertThat(rules.classify(List.of(sale("s1", TODAY, 29_999_999)), TODAY).customerClass()).isEqualTo(CustomerClass.SECOND_CLASS);
        assertThat(rules.classify(List.of(), TODAY).customerClass()).isEqualTo(CustomerClass.OTHER);
    }

    @Test
    @DisplayName("CUS-3 the number of vehicles counts too: 3 cheap cars make a VIP, 2 a first-class customer")
    void vehicleCount() {
        assertThat(rules.classify(List.of(sale("a", TODAY, 1), sale("b", TODAY, 1), sale("c", TODAY, 1)), TODAY)
                .customerClass()).isEqualTo(CustomerClass.VIP);
        ClassificationRules.Classification two = rules.classify(List.of(sale("a", TODAY, 1), sale("b", TODAY, 1)), TODAY);
        assertThat(two.customerClass()).isEqualTo(CustomerClass.FIRST_CLASS);
        assertThat(two.purchaseCount()).isEqualTo(2);
        assertThat(two.purchaseAmountFen()).isEqualTo(2);
    }

    @Test
    @DisplayName("CUS-10 rule versions are effective-dated: the version in force on the evaluation date applies")
    void effectiveDated() {
        RuleVersion strict = new RuleVersion("2027-01-01", LocalDate.of(2027, 1, 1),
                new RuleVersion.Threshold(500_000_000, 0), new RuleVersion.Threshold(100_000_000, 0),
                new RuleVersion.Threshold(1, 0));
        ClassificationRules versioned = new ClassificationRules(List.of(strict, RuleVersion.defaults()));
        List<Purchase> purchases = List.of(sale("s1", LocalDate.of(2026, 12, 20), 100_000_000));
        ClassificationRules.Classification before = versioned.classify(purchases, LocalDate.of(2026, 12, 31));
        assertThat(before.rule().version()).isEqualTo("default");
        assertThat(before.customerClass()).isEqualTo(CustomerClass.VIP);
        ClassificationRules.Classification after = versioned.classify(purchases, LocalDate.of(2027, 1, 1));
        assertThat(after.rule().version()).isEqualTo("2027-01-01");
        assertThat(after.customerClass()).isEqualTo(CustomerClass.FIRST_CLASS);
    }
}
