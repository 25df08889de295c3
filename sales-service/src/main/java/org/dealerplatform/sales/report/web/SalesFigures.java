package org.dealerplatform.sales.report.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.sales.market.MarketTotal;
import org.dealerplatform.sales.market.persistence.MarketTotalStore;
import org.dealerplatform.sales.organisation.Branch;
import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.organisation.Salesperson;
import org.dealerplatform.sales.organisation.persistence.OrganisationDirectory;
import org.dealerplatform.sales.report.DatePeriod;
import org.dealerplatform.sales.report.MarketShare;
import org.dealerplatform.sales.report.SalesBreakdown;
import org.dealerplatform.sales.report.TargetAttainment;
import org.dealerplatform.sales.report.YearOverYear;
import org.dealerplatform.sales.rollup.DayCell;
import org.dealerplatform.sales.rollup.Figures;
import org.dealerplatform.sales.rollup.RollupCell;
import org.dealerplatform.sales.rollup.persistence.RollupStore;
import org.dealerplatform.sales.target.persistence.TargetStore;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Answers the reports from the roll-up (SAL-9): every figure is read by cell id (or by unit and month range), never by
 * scanning sales, so the cost depends on the months and units asked for, not on the number of sales stored.
 */
@Component
public class SalesFigures {

    private final RollupStore rollup;
    private final TargetStore targets;
    private final MarketTotalStore market;
    private final OrganisationDirectory directory;

    public SalesFigures(RollupStore rollup, TargetStore targets, MarketTotalStore market, OrganisationDirectory directory) {
        this.rollup = rollup;
        this.targets = targets;
        this.market = market;
        this.directory = directory;
    }

    /**
     * Checks that the caller may see the unit: group and region figures are HQ's (403 for others), another branch's
     * branch or salesperson answers 404 (no existence leak), like an unknown one.
     */
    public void requireVisible(Caller caller, Level level, String unitId) {
        switch (level) {
            case GROUP -> {
                requireHq(caller);
                if (!Level.GROUP_UNIT.equals(unitId)) {
                    throw new NotFoundException("group", unitId);
                }
            }
            case REGION -> {
                requireHq(caller);
                if (directory.branchesOfRegion(unitId).isEmpty()) {
                    throw new NotFoundException("region", unitId);
                }
            }
            case BRANCH -> {
                caller.requireVisible(unitId, "branch", unitId);
                directory.branch(unitId).orElseThrow(() -> new NotFoundException("branch", unitId));
            }
            case SALESPERSON -> directory.salesperson(caller, unitId).orElseThrow(() -> new NotFoundException("salesperson", unitId));
        }
    }

    private static void requireHq(Caller caller) {
        if (!caller.isHq()) {
            throw new AccessDeniedException("group and region figures are for HQ");
        }
    }

    /** Figures per month of one unit, for a segment and model ({@link RollupCell#ALL} = all). */
    public Map<YearMonth, Figures> monthly(Level level, String unitId, YearMonth from, YearMonth to, String segment, String model) {
        List<RollupCell> cells = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            cells.add(new RollupCell(level, unitId, m, segment, model));
        }
        Map<YearMonth, Figures> figures = new LinkedHashMap<>();
        rollup.read(cells).forEach((cell, f) -> figures.put(cell.month(), f));
        return figures;
    }

    /**
     * Attainment as of a date (SAL-3): whole months before the date's month from the month cells, the date's month
     * only up to the date from the day cells (at most 12 + 31 point reads).
     */
    public TargetAttainment attainment(Level level, String unitId, LocalDate asOf) {
        YearMonth month = YearMonth.from(asOf);
        Map<YearMonth, Figures> actual = new LinkedHashMap<>();
        if (month.getMonthValue() > 1) {
            actual.putAll(monthly(level, unitId, YearMonth.of(asOf.getYear(), 1), month.minusMonths(1), RollupCell.ALL, RollupCell.ALL));
        }
        List<DayCell> days = new ArrayList<>();
        for (LocalDate day = month.atDay(1); !day.isAfter(asOf); day = day.plusDays(1)) {
            days.add(new DayCell(level, unitId, day));
        }
        actual.put(month, rollup.readDays(days).values().stream().reduce(Figures.ZERO, Figures::plus));
        return TargetAttainment.of(level, unitId, asOf, targets.findOrNone(asOf.getYear(), level, unitId), actual);
    }

    /**
     * The period against the same calendar days of last year (SAL-5), exactly: a whole month from its month cell, a
     * month the period covers in part from its day cells (one read per collection for both years).
     */
    public YearOverYear yearOverYear(Level level, String unitId, DatePeriod period, String segment, String model) {
        List<DatePeriod> pieces = new ArrayList<>();
        for (DatePeriod piece : period.byMonth()) {
            pieces.add(piece);
            pieces.add(piece.previousYear());
        }
        Map<DatePeriod, Figures> figures = figures(level, unitId, segment, model, pieces);
        return YearOverYear.of(level, unitId, period, segment, model, figures::get);
    }

    /**
     * The figures of pieces of months (each inside one calendar month) for a segment and model ({@link RollupCell#ALL}
     * = all): a whole month from its month cell, a part of one from its day cells.
     */
    public Map<DatePeriod, Figures> figures(Level level, String unitId, String segment, String model,
            Collection<DatePeriod> pieces) {
        List<RollupCell> months = new ArrayList<>();
        List<DayCell> days = new ArrayList<>();
        for (DatePeriod piece : pieces) {
            if (piece.isWholeMonth()) {
                months.add(new RollupCell(level, unitId, YearMonth.from(piece.from()), segment, model));
            } else {
                piece.days().forEach(day -> days.add(new DayCell(level, unitId, day, segment, model)));
            }
        }
        Map<RollupCell, Figures> monthFigures = months.isEmpty() ? Map.of() : rollup.read(months);
        Map<DayCell, Figures> dayFigures = days.isEmpty() ? Map.of() : rollup.readDays(days);
        Map<DatePeriod, Figures> figures = new LinkedHashMap<>();
        for (DatePeriod piece : pieces) {
            figures.put(piece, piece.isWholeMonth()
                    ? monthFigures.get(new RollupCell(level, unitId, YearMonth.from(piece.from()), segment, model))
                    : piece.days().stream().map(day -> dayFigures.get(new DayCell(level, unitId, day, segment, model)))
                            .reduce(Figures.ZERO, Figures::plus));
        }
        return figures;
    }

    /** Statistics of a unit over months {@code from..to} by month, model, segment, vehicle category (CUS-4) and the units one level down (SAL-4). */
    public SalesBreakdown breakdown(Level level, String unitId, YearMonth from, YearMonth to, String period) {
        Map<String, Figures> byMonth = new LinkedHashMap<>();
        Map<String, Figures> byModel = new LinkedHashMap<>();
        Map<String, Figures> bySegment = new LinkedHashMap<>();
        Map<String, Figures> byCategory = new LinkedHashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            byMonth.put(m.toString(), Figures.ZERO);
        }
        rollup.cellsOf(level, unitId, from, to).forEach((cell, f) -> {
            boolean allSegments = RollupCell.ALL.equals(cell.segment());
            boolean allModels = RollupCell.ALL.equals(cell.model());
            if (!RollupCell.ALL.equals(cell.category())) {
                if (allSegments) {
                    byCategory.merge(cell.category(), f, Figures::plus);
                }
            } else if (allSegments && allModels) {
                byMonth.merge(cell.month().toString(), f, Figures::plus);
            } else if (allSegments) {
                byModel.merge(cell.model(), f, Figures::plus);
            } else if (allModels) {
                bySegment.merge(cell.segment(), f, Figures::plus);
            }
        });
        Figures total = byMonth.values().stream().reduce(Figures.ZERO, Figures::plus);
        Map<String, Figures> byChild = new LinkedHashMap<>();
        Level child = level.child();
        if (child != null) {
            List<RollupCell> cells = new ArrayList<>();
            for (String unit : children(level, unitId)) {
                byChild.put(unit, Figures.ZERO);
                for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                    cells.add(RollupCell.total(child, unit, m));
                }
            }
            rollup.read(cells).forEach((cell, f) -> byChild.merge(cell.unitId(), f, Figures::plus));
        }
        return SalesBreakdown.of(level, unitId, period, total, byMonth, byModel, bySegment, byCategory, byChild);
    }

    /** The names of the units one level below (regions, branches or salespeople), by id, from the organisation directory (ECO-4). */
    public Map<String, String> childNames(Level level, String unitId) {
        Map<String, String> names = new LinkedHashMap<>();
        switch (level) {
            case GROUP -> directory.branches().forEach(b -> names.putIfAbsent(b.regionId(), b.regionName()));
            case REGION -> directory.branchesOfRegion(unitId).forEach(b -> names.put(b.id(), b.name()));
            case BRANCH -> directory.salespeopleOf(unitId).forEach(p -> names.put(p.id(), p.name()));
            case SALESPERSON -> { }
        }
        names.values().removeIf(java.util.Objects::isNull);
        return names;
    }

    /** The units one level below ({@code GROUP} → regions, region → branches, branch → salespeople). */
    public List<String> children(Level level, String unitId) {
        return switch (level) {
            case GROUP -> directory.branches().stream().map(Branch::regionId).distinct().sorted().toList();
            case REGION -> directory.branchesOfRegion(unitId).stream().map(Branch::id).toList();
            case BRANCH -> directory.salespeopleOf(unitId).stream().map(Salesperson::id).toList();
            case SALESPERSON -> List.of();
        };
    }

    /**
     * Market share per region, segment, vehicle category ({@code *}: every category) and month over months
     * {@code from..to} of {@code year} (SAL-6, CUS-4); a category's own units come from the roll-up's category cells,
     * its market figure is the one HQ entered for that category.
     */
    public MarketShare marketShare(List<String> regions, List<String> segments, List<String> categories, int year,
            int fromMonth, int toMonth) {
        List<RollupCell> cells = new ArrayList<>();
        List<String> totalIds = new ArrayList<>();
        for (String region : regions) {
            for (String segment : segments) {
                for (String category : categories) {
                    for (int m = fromMonth; m <= toMonth; m++) {
                        YearMonth month = YearMonth.of(year, m);
                        cells.add(new RollupCell(Level.REGION, region, month, segment, RollupCell.ALL, category));
                        totalIds.add(new MarketTotal(region, segment, category, month, 0).id());
                    }
                }
            }
        }
        Map<RollupCell, Figures> own = rollup.read(cells);
        Map<String, MarketTotal> totals = market.byId(totalIds);
        List<MarketShare.Line> lines = new ArrayList<>();
        for (RollupCell cell : cells) {
            MarketTotal total = totals.get(new MarketTotal(cell.unitId(), cell.segment(), cell.category(), cell.month(), 0).id());
            lines.add(MarketShare.Line.of(cell.unitId(), cell.segment(), cell.category(), cell.month().toString(),
                    own.get(cell).unitHundredths(), total == null ? null : total.units()));
        }
        return MarketShare.of(lines);
    }

    public List<String> regions() {
        return directory.branches().stream().map(Branch::regionId).distinct().sorted().toList();
    }
}
