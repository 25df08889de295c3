package org.dealerplatform.sales.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.dealerplatform.sales.organisation.Level;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MonthlyScheduleTest {

    static long sum(List<Long> months) {
        return months.stream().mapToLong(Long::longValue).sum();
    }

    @Test
    @DisplayName("SAL-2 an even split gives every month a twelfth and the months add up exactly to the year")
    void evenSplit() {
        List<Long> months = MonthlySchedule.split(5_000_000_000L, MonthlySchedule.even());
        assertThat(sum(months)).isEqualTo(5_000_000_000L);
        assertThat(months).allSatisfy(m -> assertThat(m).isBetween(416_666_666L, 416_666_667L));
    }

    @Test
    @DisplayName("SAL-2 the fen that do not divide go one each to the months with the largest remainders, earliest first")
    void remainderDistribution() {
        assertThat(MonthlySchedule.split(17, MonthlySchedule.even())).containsExactly(2L, 2L, 2L, 2L, 2L, 1L, 1L, 1L, 1L, 1L, 1L, 1L);
        assertThat(MonthlySchedule.split(11, MonthlySchedule.even())).containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 0L);
        assertThat(MonthlySchedule.split(0, MonthlySchedule.even())).allMatch(m -> m == 0L);
    }

    @Test
    @DisplayName("SAL-2 a weighted split follows the weights (months with weight 0 get nothing) and still sums exactly")
    void weightedSplit() {
        List<Integer> weights = List.of(6, 6, 9, 8, 8, 8, 7, 7, 9, 10, 10, 0);
        List<Long> months = MonthlySchedule.split(3_000_000_001L, weights);
        assertThat(sum(months)).isEqualTo(3_000_000_001L);
        assertThat(months.get(11)).isZero();
        assertThat(months.get(9)).isGreaterThan(months.get(0));
        assertThat(months.get(0)).isEqualTo(months.get(1));
    }

    @Test
    @DisplayName("SAL-2 weights must be twelve, none negative, not all zero")
    void invalidWeights() {
        assertThat(MonthlySchedule.problemWith(List.of(1, 2))).isNotNull();
        List<Integer> negative = new ArrayList<>(Collections.nCopies(12, 1));
        negative.set(3, -1);
        assertThat(MonthlySchedule.problemWith(negative)).isNotNull();
        assertThat(MonthlySchedule.problemWith(Collections.nCopies(12, 0))).isNotNull();
        assertThatThrownBy(() -> MonthlySchedule.split(10, List.of(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("SAL-2 the task is a floor below the target; both are scheduled by the same weights and sum per period")
    void targetAndTask() {
        AnnualTarget jiangsu = AnnualTarget.set(2026, Level.REGION, "JIANGSU", null, 5_000_000_000L, 3_000_000_000L, null);
        assertThat(jiangsu.targetFen(1, 12)).isEqualTo(5_000_000_000L);
        assertThat(jiangsu.taskFen(1, 3)).isEqualTo(750_000_000L);
        assertThatThrownBy(() -> AnnualTarget.set(2026, Level.REGION, "JIANGSU", null, 100, 101, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("SAL-2 a gap is reported where children's targets or tasks do not add up to the parent's, or a child has none")
    void gaps() {
        AnnualTarget region = AnnualTarget.set(2026, Level.REGION, "JIANGSU", null, 5_000, 3_000, null);
        AnnualTarget nanjing = AnnualTarget.set(2026, Level.BRANCH, "JS-NJ-01", "JS-NJ-01", 2_500, 1_500, null);
        AnnualTarget suzhou = AnnualTarget.set(2026, Level.BRANCH, "JS-SZ-01", "JS-SZ-01", 2_000, 1_500, null);
        TargetGap gap = TargetGap.between(region, List.of("JS-NJ-01", "JS-SZ-01", "JS-WX-01"), List.of(nanjing, suzhou));
        assertThat(gap.targetDifferenceFen()).isEqualTo(500);
        assertThat(gap.taskDifferenceFen()).isZero();
        assertThat(gap.childrenWithoutTarget()).containsExactly("JS-WX-01");
        AnnualTarget wuxi = AnnualTarget.set(2026, Level.BRANCH, "JS-WX-01", "JS-WX-01", 500, 0, null);
        assertThat(TargetGap.between(region, List.of("JS-NJ-01", "JS-SZ-01", "JS-WX-01"), List.of(nanjing, suzhou, wuxi))).isNull();
    }
}
