package org.dealerplatform.sales.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.dealerplatform.platform.domain.RuleViolation;

class SaleTest {

    static final Instant NOW = Instant.parse("2026-11-20T02:15:30Z");
    static final Vehicle PASSAT = new Vehicle("1HGCM82633A004352", "Passat 330TSI", VehicleCategory.PASSENGER_CAR, null);

    static Sale sale(List<SalesCredit> credits, long amount) {
        return Sale.record("s-1", "JS-NJ-01", "JIANGSU", "c-1", credits, PASSAT, Segment.INDIVIDUAL, amount,
                LocalDate.of(2026, 11, 20), "alice", NOW);
    }

    @Test
    @DisplayName("SAL-1 recording a sale records SaleRecorded with the region and the credits")
    void recordingRecordsEvent() {
        Sale sale = sale(List.of(new SalesCredit("sp-li", 60), new SalesCredit("sp-zhao", 40)), 25_980_000);
        assertThat(sale.recordedEvents()).singleElement().isInstanceOfSatisfying(SaleEvents.SaleRecorded.class, e -> {
            assertThat(e.regionId()).isEqualTo("JIANGSU");
            assertThat(e.salespeople()).extracting(SalesCredit::sharePercent).containsExactly(60, 40);
        });
    }

    @Test
    @DisplayName("SAL-1 a correction keeps who, when, why and the facts before and after, and records SaleCorrected with the previous amount and date")
    void correctionIsAudited() {
        Sale sale = sale(List.of(new SalesCredit("sp-li", 100)), 25_980_000);
        sale.recordedEvents().clear();
        SaleFacts corrected = new SaleFacts("c-1", List.of(new SalesCredit("sp-li", 100)), PASSAT, Segment.GROUP_COMPANY,
                24_980_000, LocalDate.of(2026, 11, 19), SaleStatus.ACTIVE);
        sale.correct(corrected, " discount applied late ", "bob", NOW.plusSeconds(60));

        assertThat(sale.amountFen()).isEqualTo(24_980_000);
        SaleChange change = sale.changes().get(0);
        assertThat(change.kind()).isEqualTo(SaleChange.Kind.CORRECTED);
        assertThat(change.by()).isEqualTo("bob");
        assertThat(change.reason()).isEqualTo("discount applied late");
        assertThat(change.before().amountFen()).isEqualTo(25_980_000);
        assertThat(change.after().segment()).isEqualTo(Segment.GROUP_COMPANY);
        assertThat(sale.recordedEvents()).singleElement().isInstanceOfSatisfying(SaleEvents.SaleCorrected.class, e -> {
            assertThat(e.previousAmountFen()).isEqualTo(25_980_000);
            assertThat(e.previousSaleDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        });
    }

    @Test
    @DisplayName("SAL-1 a cancelled sale stays on file, cannot be cancelled or corrected again, and a change needs a reason")
    void cancellationRules() {
        Sale sale = sale(List.of(new SalesCredit("sp-li", 100)), 100);
        assertThatThrownBy(() -> sale.cancel(" ", "bob", NOW)).isInstanceOf(RuleViolation.class);
        sale.cancel("customer withdrew", "bob", NOW);
        assertThat(sale.status()).isEqualTo(SaleStatus.CANCELLED);
        assertThat(sale.changes()).extracting(SaleChange::kind).containsExactly(SaleChange.Kind.CANCELLED);
        assertThatThrownBy(() -> sale.cancel("again", "bob", NOW)).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> sale.correct(sale.facts(), "x", "bob", NOW)).isInstanceOf(RuleViolation.class);
    }

    @Test
    @DisplayName("SAL-1 a correction that changes nothing is refused")
    void emptyCorrectionRefused() {
        Sale sale = sale(List.of(new SalesCredit("sp-li", 100)), 100);
        assertThatThrownBy(() -> sale.correct(sale.facts(), "no-op", "bob", NOW)).isInstanceOf(RuleViolation.class)
                .hasMessageContaining("changes nothing");
    }

    @Test
    @DisplayName("SAL-11 shares must be whole percents of distinct salespeople adding up to exactly 100")
    void sharesMustAddUp() {
        assertThat(SalesCredit.problemWith(List.of(new SalesCredit("a", 60), new SalesCredit("b", 40)))).isNull();
        assertThat(SalesCredit.problemWith(List.of(new SalesCredit("a", 60), new SalesCredit("b", 39)))).contains("99%");
        assertThat(SalesCredit.problemWith(List.of(new SalesCredit("a", 101)))).isNotNull();
        assertThat(SalesCredit.problemWith(List.of(new SalesCredit("a", 50), new SalesCredit("a", 50)))).contains("twice");
        assertThat(SalesCredit.problemWith(List.of())).isNotNull();
        assertThatThrownBy(() -> sale(List.of(new SalesCredit("a", 90)), 100)).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> sale(List.of(new SalesCredit("a", 100)), 0)).isInstanceOf(RuleViolation.class);
    }

    @Test
    @DisplayName("SAL-11 the shares of an amount add up to the amount exactly; leftover fen go to the first salespeople listed")
    void splitAddsUpExactly() {
        Map<String, Long> parts = SalesCredit.split(List.of(new SalesCredit("a", 34), new SalesCredit("b", 33),
                new SalesCredit("c", 33)), 100_001);
        assertThat(parts).containsEntry("a", 34_001L).containsEntry("b", 33_000L).containsEntry("c", 33_000L);
        assertThat(parts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100_001);
        Map<String, Long> odd = SalesCredit.split(List.of(new SalesCredit("a", 50), new SalesCredit("b", 50)), 3);
        assertThat(odd).containsEntry("a", 2L).containsEntry("b", 1L);
    }
}
