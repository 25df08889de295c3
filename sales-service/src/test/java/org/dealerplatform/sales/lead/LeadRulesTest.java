package org.dealerplatform.sales.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.dealerplatform.platform.domain.RuleViolation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LeadRulesTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 3);

    static Lead lead() {
        return Lead.open("l-1", "JS-NJ-01", "李娜", "13812345678", Lead.Source.WALK_IN, "Tiguan L", "SUV", "sp-li", DAY.plusDays(2), DAY,
                Instant.parse("2026-11-03T01:00:00Z"), "alice");
    }

    @Test
    @DisplayName("SAL-10 a follow-up is recorded with its note and moves the next follow-up date; an open lead always has one")
    void followUp() {
        Lead next = lead().followUp(DAY.plusDays(2), "wants a quote", DAY.plusDays(9), false, "alice");
        assertThat(next.status()).isEqualTo(Lead.Status.FOLLOWING_UP);
        assertThat(next.nextFollowUpDate()).isEqualTo(DAY.plusDays(9));
        assertThat(next.followUps()).extracting(Lead.FollowUp::note).containsExactly("wants a quote");
        assertThatThrownBy(() -> lead().followUp(DAY, "x", null, false, "alice")).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> lead().followUp(DAY, "x", DAY.minusDays(1), false, "alice")).isInstanceOf(RuleViolation.class);
    }

    @Test
    @DisplayName("SAL-10 a lead converts to a sale or is lost, and then stays closed")
    void closing() {
        Lead won = lead().convert("sale-1", "Tiguan L");
        assertThat(won.status()).isEqualTo(Lead.Status.CONVERTED);
        assertThat(won.saleId()).isEqualTo("sale-1");
        assertThat(won.nextFollowUpDate()).isNull();
        assertThatThrownBy(() -> won.convert("sale-2", "Tiguan L")).isInstanceOf(RuleViolation.class);
        Lead lost = lead().followUp(DAY, "bought elsewhere", null, true, "alice");
        assertThat(lost.status()).isEqualTo(Lead.Status.LOST);
        assertThatThrownBy(() -> lost.followUp(DAY, "x", DAY, false, "alice")).isInstanceOf(RuleViolation.class);
    }

    @Test
    @DisplayName("SAL-10 conversion per source: converted, lost and open leads, and the conversion rate")
    void conversion() {
        Lead walkIn = lead();
        Lead won = lead().convert("s-1", "Tiguan L");
        Lead lost = Lead.open("l-2", "JS-NJ-01", "x", null, Lead.Source.PHONE, null, null, "sp-li", DAY, DAY, Instant.EPOCH, "a")
                .followUp(DAY, "no", null, true, "a");
        LeadConversion conversion = LeadConversion.of(java.util.List.of(walkIn, won, lost));
        assertThat(conversion.bySource()).extracting(LeadConversion.Line::source).containsExactly("WALK_IN", "PHONE");
        assertThat(conversion.bySource().get(0).conversionPercent()).isEqualByComparingTo("50.00");
        assertThat(conversion.total().opened()).isEqualTo(3);
        assertThat(conversion.total().converted()).isEqualTo(1);
        assertThat(conversion.total().lost()).isEqualTo(1);
        assertThat(conversion.total().open()).isEqualTo(1);
    }
}
