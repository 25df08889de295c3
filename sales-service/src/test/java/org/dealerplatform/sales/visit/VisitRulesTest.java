package org.dealerplatform.sales.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.dealerplatform.platform.domain.RuleViolation;

class VisitRulesTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 3);

    @Test
    @DisplayName("SAL-7 monthly visit statistics count planned vs done per salesperson and for the branch, VIP apart, cancelled not at all")
    void statistics() {
        Visit vipDone = Visit.plan("1", "JS-NJ-01", "sp-li", "c1", "王伟", true, DAY, "new model", "m").complete(DAY, "will test drive");
        Visit vipOpen = Visit.plan("2", "JS-NJ-01", "sp-li", "c2", null, true, DAY, null, "m");
        Visit other = Visit.plan("3", "JS-NJ-01", "sp-zhao", "c3", null, false, DAY, null, "m").complete(DAY, "not now");
        Visit cancelled = Visit.plan("4", "JS-NJ-01", "sp-zhao", "c4", null, false, DAY, null, "m").cancel("moved abroad");
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
        assertThatThrownBy(() -> visit.complete(DAY, " ")).isInstanceOf(RuleViolation.class);
        Visit done = visit.complete(DAY, "ordered");
        assertThatThrownBy(() -> done.complete(DAY, "again")).isInstanceOf(RuleViolation.class);
    }

    @Test
    @DisplayName("SAL-7 a planned visit can be rescheduled (each move kept with its reason) or cancelled; a done or cancelled one cannot")
    void rescheduleAndCancel() {
        Visit visit = Visit.plan("1", "JS-NJ-01", "sp-li", "c1", null, true, DAY, null, "m");
        Visit moved = visit.reschedule(DAY.plusDays(7), "customer travelling", "li");
        assertThat(moved.plannedDate()).isEqualTo(DAY.plusDays(7));
        assertThat(moved.moves()).containsExactly(new Visit.Move(DAY, DAY.plusDays(7), "customer travelling", "li"));
        assertThatThrownBy(() -> moved.reschedule(DAY.plusDays(7), null, "li")).isInstanceOf(RuleViolation.class);
        Visit cancelled = moved.cancel("bought elsewhere");
        assertThat(cancelled.status()).isEqualTo(Visit.Status.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo("bought elsewhere");
        assertThatThrownBy(() -> cancelled.reschedule(DAY, null, "li")).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> visit.complete(DAY, "ok").cancel("x")).isInstanceOf(RuleViolation.class);
    }

    @Test
    @DisplayName("SAL-7 the VIP visit plan spreads the customers evenly over the quarter's business days, in name order, salespeople taking turns")
    void vipPlanSpread() {
        java.time.LocalDate[] q1 = VipVisitPlan.quarter("2027-Q1");
        assertThat(q1).containsExactly(java.time.LocalDate.of(2027, 1, 1), java.time.LocalDate.of(2027, 3, 31));
        assertThat(VipVisitPlan.quarter("2027-Q5")).isNull();
        java.util.List<java.time.LocalDate> days = VipVisitPlan.businessDays(q1[0], q1[1]);
        assertThat(days).hasSize(64).allMatch(d -> d.getDayOfWeek().getValue() <= 5);
        assertThat(days.get(0)).isEqualTo(java.time.LocalDate.of(2027, 1, 1)); // a Friday

        java.util.List<VipVisitPlan.Proposal> plan = VipVisitPlan.spread(java.util.List.of(
                new VipVisitPlan.Customer("c-3", "赵"), new VipVisitPlan.Customer("c-1", "王"),
                new VipVisitPlan.Customer("c-2", "李"), new VipVisitPlan.Customer("c-4", "陈")), java.util.List.of("sp-b", "sp-a"), days);
        assertThat(plan).extracting(VipVisitPlan.Proposal::date)
                .containsExactly(days.get(0), days.get(16), days.get(32), days.get(48));
        assertThat(plan).extracting(VipVisitPlan.Proposal::salespersonId).containsExactly("sp-a", "sp-b", "sp-a", "sp-b");
        assertThat(plan).extracting(VipVisitPlan.Proposal::customerName).isSorted();
        assertThatThrownBy(() -> VipVisitPlan.spread(java.util.List.of(new VipVisitPlan.Customer("c", "x")), java.util.List.of(), days))
                .isInstanceOf(RuleViolation.class);
    }
}
