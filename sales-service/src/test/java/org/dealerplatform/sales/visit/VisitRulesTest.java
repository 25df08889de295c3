package org.dealerplatform.sales.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VisitRulesTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 3);

    @Test
    @DisplayName("SAL-7 monthly visit statistics count planned vs done per salesperson and for the branch, VIP apart, cancelled not at all")
    void statistics() {
        Visit vipDone = Visit.plan("1", "JS-NJ-01", "sp-li", "c1", "王伟", true, DAY, "new model", "m").complete(DAY, "will test drive");
        Visit vipOpen = Visit.plan("2", "JS-NJ-01", "sp-li", "c2", null, true, DAY, null, "m");
        Visit other = Visit.plan("3", "JS-NJ-01", "sp-zhao", "c3", null, false, DAY, null, "m").complete(DAY, "not now");
        Visit cancelled = new Visit("4", "JS-NJ-01", "sp-zhao", "c4", null, false, DAY, null, Visit.Status.CANCELLED, null, null, "m");
        VisitStatistics stats = VisitStatistics.of("JS-NJ-01", YearMonth.of(2026, 11), List.of(vipDone, vipOpen, other, cancelled));
        assertThat(stats.salespeople()).extracting(VisitStatistics.Line::who).containsExactly("sp-li", "sp-zhao");
        VisitStatistics.Line li = stats.salespeople().get(0);
        assertThat(li.planned()).isEqualTo(2);
        assertThat(li.done()).isEqualTo(1);
        assertThat(li.vipPlanned()).isEqualTo(2);
        assertThat(li.donePercent()).isEqualByComparingTo("50.00");
        assertThat(stats.branch().planned()).isEqualTo(3);
        assertThat(stats.branch().done()).isEqualTo(2);
        assertThat(stats.branch().donePercent()).isEqualByComparingTo("66.66");
    }

    @Test
    @DisplayName("SAL-7 only a planned visit can be completed, and only with an outcome")
    void completion() {
        Visit visit = Visit.plan("1", "JS-NJ-01", "sp-li", "c1", null, false, DAY, null, "m");
        assertThatThrownBy(() -> visit.complete(DAY, " ")).isInstanceOf(IllegalArgumentException.class);
        Visit done = visit.complete(DAY, "ordered");
        assertThatThrownBy(() -> done.complete(DAY, "again")).isInstanceOf(IllegalStateException.class);
    }
}
