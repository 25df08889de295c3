package org.dealerplatform.sales.target;

import java.util.List;

import org.dealerplatform.sales.organisation.Level;

/**
 * Where the children's targets do not add up to their parent's (SAL-2): e.g. the three Jiangsu branches sum to 48 of the
 * region's 50 million. {@code childrenWithoutTarget} lists children with no target at all.
 */
public record TargetGap(int year, Level level, String unitId, long targetFen, long childrenTargetFen, long taskFen,
        long childrenTaskFen, List<String> childrenWithoutTarget) {

    public long targetDifferenceFen() {
        return targetFen - childrenTargetFen;
    }

    public long taskDifferenceFen() {
        return taskFen - childrenTaskFen;
    }

    /** Compares a parent with its children's targets; {@code null} if they add up and every child has one. */
    public static TargetGap between(AnnualTarget parent, List<String> children, List<AnnualTarget> childTargets) {
        long target = childTargets.stream().mapToLong(AnnualTarget::targetFen).sum();
        long task = childTargets.stream().mapToLong(AnnualTarget::taskFen).sum();
        List<String> missing = children.stream()
                .filter(c -> childTargets.stream().noneMatch(t -> t.unitId().equals(c))).toList();
        if (target == parent.targetFen() && task == parent.taskFen() && missing.isEmpty()) {
            return null;
        }
        return new TargetGap(parent.year(), parent.level(), parent.unitId(), parent.targetFen(), target, parent.taskFen(),
                task, missing);
    }
}
