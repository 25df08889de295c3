package org.dealerplatform.sales.report.web;

import io.swagger.v3.oas.annotations.media.Schema;
import org.dealerplatform.platform.spreadsheet.ExportColumns;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.report.DatePeriod;
import org.dealerplatform.sales.report.MarketShare;
import org.dealerplatform.sales.sale.VehicleCategory;
import org.dealerplatform.sales.report.SalesBreakdown;
import org.dealerplatform.sales.report.TargetAttainment;
import org.dealerplatform.sales.report.YearOverYear;
import org.dealerplatform.sales.rollup.RollupCell;
import org.dealerplatform.sales.sale.Segment;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sales reports, read from the roll-up. Under {@code /api/sales/reports} a branch sees its branch and its salespeople;
 * under {@code /api/hq/reports} HQ sees any level, including regions and the group. Each report is JSON, or CSV with
 * {@code format=csv}; the annual summary is also an Excel workbook.
 */
@RestController
@Validated
@Tag(name = "Reports", description = "SAL-3 attainment, SAL-4 monthly statistics and annual summary, SAL-5 year-over-year, SAL-6 market share")
public class ReportController {

    private static final String FORMAT = "json|csv";
    private static final String FORMAT_MESSAGE = "must be json or csv";

    private final SalesFigures figures;
    private final BusinessCalendar calendar;

    public ReportController(SalesFigures figures, BusinessCalendar calendar) {
        this.figures = figures;
        this.calendar = calendar;
    }

    @GetMapping({"/api/sales/reports/attainment", "/api/hq/reports/attainment"})
    @Operation(summary = "Target attainment at a date: actual vs task vs target for the month, quarter to date, year to date and year (SAL-3)")
    public ResponseEntity<?> attainment(
            @RequestParam Level level,
            @RequestParam @Parameter(example = "JS-NJ-01") String unitId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(defaultValue = "json") @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE) String format,
            @RequestParam(defaultValue = ExportColumns.DEFAULT_LANG) @Pattern(regexp = ExportColumns.LANG_PATTERN, message = ExportColumns.LANG_MESSAGE)
            @Parameter(description = ExportColumns.LANG_DESCRIPTION, schema = @Schema(type = "string", allowableValues = {"zh-CN", "en"}, defaultValue = "zh-CN")) String lang,
            Caller caller) {
        figures.requireVisible(caller, level, unitId);
        TargetAttainment report = figures.attainment(level, unitId, asOf == null ? calendar.today() : asOf);
        return Exports.answer(report, report.table(), format, "attainment-" + unitId, lang);
    }

    @GetMapping({"/api/sales/reports/monthly", "/api/hq/reports/monthly"})
    @Operation(summary = "Monthly sales statistics by model, segment and the units one level down (SAL-4)")
    public ResponseEntity<?> monthly(
            @RequestParam Level level,
            @RequestParam String unitId,
            @RequestParam @Parameter(example = "2026-11") YearMonth month,
            @RequestParam(defaultValue = "json") @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE) String format,
            @RequestParam(defaultValue = ExportColumns.DEFAULT_LANG) @Pattern(regexp = ExportColumns.LANG_PATTERN, message = ExportColumns.LANG_MESSAGE)
            @Parameter(description = ExportColumns.LANG_DESCRIPTION, schema = @Schema(type = "string", allowableValues = {"zh-CN", "en"}, defaultValue = "zh-CN")) String lang,
            Caller caller) {
        figures.requireVisible(caller, level, unitId);
        SalesBreakdown report = figures.breakdown(level, unitId, month, month, month.toString());
        return Exports.answer(report, report.table(figures.childNames(level, unitId)), format, "monthly-" + unitId + "-" + month, lang);
    }

    @GetMapping({"/api/sales/reports/annual-summary", "/api/hq/reports/annual-summary"})
    @Operation(summary = "Annual sales summary by month, model, segment and the units one level down (SAL-4); format=csv, xlsx or pdf (printable, ECO-4); headers by lang")
    public ResponseEntity<?> annualSummary(
            @RequestParam Level level,
            @RequestParam String unitId,
            @RequestParam @Min(2000) @Max(2100) int year,
            @RequestParam(defaultValue = "json") @Pattern(regexp = "json|csv|xlsx|pdf", message = "must be json, csv, xlsx or pdf") String format,
            @RequestParam(defaultValue = ExportColumns.DEFAULT_LANG) @Pattern(regexp = ExportColumns.LANG_PATTERN, message = ExportColumns.LANG_MESSAGE)
            @Parameter(description = ExportColumns.LANG_DESCRIPTION, schema = @Schema(type = "string", allowableValues = {"zh-CN", "en"}, defaultValue = "zh-CN")) String lang,
            Caller caller) {
        figures.requireVisible(caller, level, unitId);
        SalesBreakdown report = figures.breakdown(level, unitId, YearMonth.of(year, 1), YearMonth.of(year, 12), String.valueOf(year));
        Map<String, String> names = "json".equals(format) ? Map.of() : figures.childNames(level, unitId);
        if ("xlsx".equals(format)) {
            TargetAttainment attainment = figures.attainment(level, unitId, LocalDate.of(year, 12, 31));
            boolean english = ExportColumns.Lang.of(lang) == ExportColumns.Lang.EN;
            return Exports.xlsx(List.of(report.table(names), attainment.table()),
                    english ? List.of("Summary", "Attainment") : List.of("年度汇总", "目标完成"),
                    "annual-summary-" + unitId + "-" + year, lang);
        }
        if ("pdf".equals(format)) {
            // ECO-4: the printable annual summary, headed in the caller's language
            String title = ExportColumns.Lang.of(lang) == ExportColumns.Lang.EN
                    ? "Annual sales summary " + year + " - " + level + " " + unitId
                    : year + " 年度销售汇总 - " + unitId;
            return Exports.pdf(report.table(names), title, calendar.today(), "annual-summary-" + unitId + "-" + year, lang);
        }
        return Exports.answer(report, report.table(names), format, "annual-summary-" + unitId + "-" + year, lang);
    }

    @GetMapping({"/api/sales/reports/year-over-year", "/api/hq/reports/year-over-year"})
    @Operation(summary = "A period against the same calendar days of last year, month by month and in total, for any level (SAL-5)",
            description = "The period is from..to (to defaults to asOf, asOf to today), or the months fromMonth..toMonth of year; "
                    + "either way it ends at asOf at the latest, and is compared with the same days a year earlier "
                    + "(one year off both ends, 2028-02-29 becomes 2027-02-28). Without from or year: the year to date.")
    public ResponseEntity<?> yearOverYear(
            @RequestParam Level level,
            @RequestParam String unitId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Parameter(example = "2026-12-01") LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) @Min(2001) @Max(2100) Integer year,
            @RequestParam(defaultValue = "1") @Min(1) @Max(12) int fromMonth,
            @RequestParam(defaultValue = "12") @Min(1) @Max(12) int toMonth,
            @RequestParam(required = false) Segment segment,
            @RequestParam(required = false) String model,
            @RequestParam(defaultValue = "json") @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE) String format,
            @RequestParam(defaultValue = ExportColumns.DEFAULT_LANG) @Pattern(regexp = ExportColumns.LANG_PATTERN, message = ExportColumns.LANG_MESSAGE)
            @Parameter(description = ExportColumns.LANG_DESCRIPTION, schema = @Schema(type = "string", allowableValues = {"zh-CN", "en"}, defaultValue = "zh-CN")) String lang,
            Caller caller) {
        figures.requireVisible(caller, level, unitId);
        DatePeriod period = period(from, to, asOf, year, fromMonth, toMonth);
        YearOverYear report = figures.yearOverYear(level, unitId, period,
                segment == null ? RollupCell.ALL : segment.name(), model == null || model.isBlank() ? RollupCell.ALL : model);
        return Exports.answer(report, report.table(), format, "yoy-" + unitId + "-" + period.from() + "-" + period.to(), lang);
    }

    /** The period a year-over-year question asks about, ending at {@code asOf} (default today) at the latest (SAL-5). */
    private DatePeriod period(LocalDate from, LocalDate to, LocalDate asOf, Integer year, int fromMonth, int toMonth) {
        LocalDate end = asOf == null ? today() : asOf;
        LocalDate start;
        if (from != null) {
            start = from;
            if (to != null && to.isBefore(end)) {
                end = to;
            }
        } else if (year != null) {
            if (fromMonth > toMonth) {
                throw new RuleViolation("fromMonth", "fromMonth is after toMonth");
            }
            start = LocalDate.of(year, fromMonth, 1);
            LocalDate monthsEnd = YearMonth.of(year, toMonth).atEndOfMonth();
            if (monthsEnd.isBefore(end)) {
                end = monthsEnd;
            }
        } else {
            start = end.withDayOfYear(1);
        }
        if (start.isAfter(end)) {
            throw new RuleViolation(from != null ? "from" : "year",
                    "the period starts on " + start + ", after its end " + end + " (to, or asOf: figures exist only up to then)");
        }
        return new DatePeriod(start, end);
    }

    private LocalDate today() {
        return calendar.today();
    }

    @GetMapping("/api/hq/reports/market-share")
    @Operation(summary = "Market share = own units / market units per region, segment and month, with the total (SAL-6, HQ). "
            + "The total counts only the lines that have a market figure; lines without one are listed with marketMissing "
            + "and counted in linesWithoutMarket / ownUnitsWithoutMarket. category cuts it to one vehicle category, "
            + "byCategory=true gives a line per category (CUS-4); a category's market figure is the one HQ entered for it")
    public ResponseEntity<?> marketShare(
            @RequestParam(required = false) String regionId,
            @RequestParam(required = false) Segment segment,
            @RequestParam(required = false) VehicleCategory category,
            @RequestParam(defaultValue = "false") boolean byCategory,
            @RequestParam @Min(2000) @Max(2100) int year,
            @RequestParam(defaultValue = "1") @Min(1) @Max(12) int fromMonth,
            @RequestParam(defaultValue = "12") @Min(1) @Max(12) int toMonth,
            @RequestParam(defaultValue = "json") @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE) String format,
            @RequestParam(defaultValue = ExportColumns.DEFAULT_LANG) @Pattern(regexp = ExportColumns.LANG_PATTERN, message = ExportColumns.LANG_MESSAGE)
            @Parameter(description = ExportColumns.LANG_DESCRIPTION, schema = @Schema(type = "string", allowableValues = {"zh-CN", "en"}, defaultValue = "zh-CN")) String lang,
            Caller caller) {
        if (fromMonth > toMonth) {
            throw new RuleViolation("fromMonth", "fromMonth is after toMonth");
        }
        List<String> regions = regionId == null ? figures.regions() : List.of(regionId);
        if (regionId != null) {
            figures.requireVisible(caller, Level.REGION, regionId);
        }
        List<String> segments = segment == null ? Arrays.stream(Segment.values()).map(Enum::name).toList() : List.of(segment.name());
        List<String> categories = category != null ? List.of(category.name())
                : byCategory ? Arrays.stream(VehicleCategory.values()).map(Enum::name).toList() : List.of(RollupCell.ALL);
        MarketShare report = figures.marketShare(regions, segments, categories, year, fromMonth, toMonth);
        return Exports.answer(report, report.table(), format, "market-share-" + year, lang);
    }
}
