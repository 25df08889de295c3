package org.dealerplatform.notification.call.web;

import java.time.Clock;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.dealerplatform.notification.outbound.CallOutcome;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.Notification;
import org.dealerplatform.notification.outbound.NotificationStatus;
import org.dealerplatform.notification.outbound.Purpose;
import org.dealerplatform.notification.outbound.persistence.NotificationSearch;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The branch's call list: phone reminders and follow-up calls with their script; staff record the outcome (NOT-1). */
@RestController
@RequestMapping("/api/notifications/calls")
@Validated
@Tag(name = "Call list", description = "Phone reminders for staff with script and outcome (NOT-1, NOT-2)")
public class CallListController {

    private final NotificationStore notifications;
    private final NotificationSearch search;
    private final Clock clock;

    public CallListController(NotificationStore notifications, NotificationSearch search, Clock clock) {
        this.notifications = notifications;
        this.search = search;
        this.clock = clock;
    }

    /** One call to make: who, why, what to say. */
    public record CallTask(String id, String customerId, String branchId, Purpose purpose, String phone, String script,
            String language, Instant listedAt, int unansweredCalls, NotificationStatus status, String outcome,
            String note, long version) {
        static CallTask of(Notification n) {
            return new CallTask(n.id(), n.customerId(), n.branchId(), n.purpose(), n.recipient(), n.body(), n.language(),
                    n.sentAt(), n.attempts(), n.status(), n.callOutcome(), n.callNote(), n.version());
        }
    }

    /** What staff record after a call. */
    public record RecordOutcome(@NotNull CallOutcome outcome, @Size(max = 1000) String note) {
    }

    @GetMapping
    @Operation(summary = "Calls to make (open) or made (done) at the caller's branch, oldest first, paged")
    public PageResponse<CallTask> list(
            @RequestParam(defaultValue = "true") boolean open,
            @RequestParam(required = false) Purpose purpose,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            Caller caller) {
        return search.calls(caller, open, purpose, page, size).map(CallTask::of);
    }

    @PostMapping("/{id}/outcome")
    @Operation(summary = "Record the outcome of a call: REACHED/DECLINED → DELIVERED, WRONG_NUMBER → FAILED, "
            + "NO_ANSWER stays on the list (FAILED after 3)")
    public CallTask recordOutcome(@PathVariable String id, @Valid @RequestBody RecordOutcome request, Caller caller,
            IdempotencyKey key) {
        if (!(caller.isHq() || caller.hasRole(Role.SERVICE_ADVISOR) || caller.hasRole(Role.BRANCH_MANAGER))) {
            throw new AccessDeniedException("only service advisors and branch managers record call outcomes");
        }
        Notification call = notifications.findVisible(id, caller).filter(n -> n.channel() == Channel.PHONE)
                .orElseThrow(() -> new NotFoundException("call", id));
        if (call.alreadyApplied(key)) { // REL-7: a retry (lost answer) is answered from the call as it is, counted once
            return CallTask.of(call);
        }
        if (call.status() != NotificationStatus.SENT) {
            throw new RuleViolation("outcome", "this call is " + call.status() + ", not open");
        }
        call.recordCallOutcome(request.outcome(), request.note(), clock.instant());
        call.rememberRequest(key);
        notifications.update(call);
        return CallTask.of(call);
    }
}
