package org.dealerplatform.aftersales.reminder.web;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dealerplatform.aftersales.reminder.SweepResult;
import org.dealerplatform.aftersales.reminder.application.MaintenanceDueSweep;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeptAnswers;
import org.dealerplatform.platform.security.Caller;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs the reminder sweep on demand (HQ only); it also runs on its schedule (AFT-3). */
@RestController
@RequestMapping("/api/aftersales/reminders")
@Tag(name = "Due reminders", description = "AFT-3 MaintenanceDue a lead time before each due date, once")
public class ReminderController {

    private final MaintenanceDueSweep sweep;
    private final BusinessCalendar calendar;
    private final KeptAnswers keptAnswers;

    public ReminderController(MaintenanceDueSweep sweep, BusinessCalendar calendar, KeptAnswers keptAnswers) {
        this.sweep = sweep;
        this.calendar = calendar;
        this.keptAnswers = keptAnswers;
    }

    @PostMapping("/sweep")
    @Operation(summary = "Run the reminder sweep now (HQ); safe to repeat: each vehicle and due date is reminded once. "
            + "A retry with the same Idempotency-Key answers the first run's result without sweeping again (REL-7)")
    public SweepResult sweep(@RequestParam(required = false) LocalDate asOf, Caller caller, IdempotencyKey key) {
        if (!caller.isHq()) {
            throw new AccessDeniedException("only HQ runs the reminder sweep");
        }
        return keptAnswers.once(key, "reminder-sweep", SweepResult.class,
                () -> sweep.sweep(asOf == null ? calendar.today() : asOf));
    }
}
