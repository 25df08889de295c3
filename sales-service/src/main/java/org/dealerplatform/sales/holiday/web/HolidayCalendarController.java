package org.dealerplatform.sales.holiday.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.sales.holiday.HolidayCalendar;
import org.dealerplatform.sales.holiday.persistence.HolidayCalendarStore;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** HQ keeps one holiday calendar per year (SAL-8); {@code /api/hq/**} is HQ-only. */
@RestController
@Validated
@Tag(name = "Holiday calendar", description = "SAL-8 China's public holidays and adjusted working days, per year (HQ)")
public class HolidayCalendarController {

    private final HolidayCalendarStore calendars;

    public HolidayCalendarController(HolidayCalendarStore calendars) {
        this.calendars = calendars;
    }

    /** A day off in a request. */
    public record HolidayEntry(@NotNull LocalDate date, @NotBlank @Size(max = 60) String name) {
    }

    /** A year's calendar as HQ enters it. */
    public record CalendarEntry(@NotNull @Size(max = 120) List<@Valid @NotNull HolidayEntry> holidays,
            @Size(max = 60) List<@NotNull LocalDate> workingDays, @Size(max = 200) String source) {
    }

    @PutMapping("/api/hq/holiday-calendars/{year}")
    @Operation(summary = "Enter or replace a year's public holidays and adjusted working days (HQ)")
    public HolidayCalendar put(@PathVariable @Min(2000) @Max(2100) int year, @Valid @RequestBody CalendarEntry entry, Caller caller) {
        HolidayCalendar calendar = new HolidayCalendar(year,
                entry.holidays().stream().map(h -> new HolidayCalendar.Holiday(h.date(), h.name().strip())).toList(),
                entry.workingDays() == null ? List.of() : entry.workingDays(), entry.source());
        String problem = calendar.problemWith();
        if (problem != null) {
            throw new RuleViolation("holidays", problem);
        }
        calendars.save(calendar, caller.userId());
        return calendar;
    }

    @GetMapping("/api/hq/holiday-calendars/{year}")
    @Operation(summary = "A year's public holidays and adjusted working days (HQ)")
    public HolidayCalendar get(@PathVariable @Min(2000) @Max(2100) int year) {
        return calendars.of(year).orElseThrow(() -> new NotFoundException("holiday calendar", String.valueOf(year)));
    }
}
