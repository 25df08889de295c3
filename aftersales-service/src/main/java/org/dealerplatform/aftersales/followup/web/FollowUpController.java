package org.dealerplatform.aftersales.followup.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.dealerplatform.aftersales.WorkshopRoles;
import org.dealerplatform.aftersales.followup.Complaint;
import org.dealerplatform.aftersales.followup.FollowUpCall;
import org.dealerplatform.aftersales.followup.persistence.FollowUpCallStore;
import org.dealerplatform.platform.BusinessCalendar;
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

/** Follow-up calls and the complaints they raise (AFT-5), within the caller's branch (HQ: all). */
@RestController
@RequestMapping("/api/aftersales")
@Validated
@Tag(name = "Follow-up calls and complaints", description = "AFT-5 return visits after each service")
public class FollowUpController {

    private final FollowUpCallStore calls;
    private final BusinessCalendar calendar;

    public FollowUpController(FollowUpCallStore calls, BusinessCalendar calendar) {
        this.calls = calls;
        this.calendar = calendar;
    }

    /** What the customer said on the call. */
    @Schema(example = """
            {"satisfaction":2,"carUse":"daily commute","newRequests":"tyre change in winter","complaint":"waited two hours"}""")
    public record CallOutcome(@NotNull @Min(1) @Max(5) Integer satisfaction, @Size(max = 500) String carUse,
            @Size(max = 1000) String newRequests, @Size(max = 2000) String complaint) {
    }

    /** How the branch manager resolved a complaint. */
    @Schema(example = "{\"resolution\":\"apologised, free car wash voucher\"}")
    public record ComplaintResolution(@NotBlank @Size(max = 2000) String resolution) {
    }

    /** A follow-up call as staff see it. */
    public record CallView(String id, String branchId, String workOrderId, String vin, String customerId,
            LocalDate serviceDate, LocalDate dueDate, FollowUpCall.Status status, int notReachedAttempts,
            Instant lastAttemptAt, Integer satisfaction, String carUse, String newRequests, String complaintText,
            Instant completedAt, Complaint complaint, long version) {
        static CallView of(FollowUpCall c) {
            return new CallView(c.id(), c.branchId(), c.workOrderId(), c.vin(), c.customerId(), c.serviceDate(),
                    c.dueDate(), c.status(), c.notReachedAttempts(), c.lastAttemptAt(), c.satisfaction(), c.carUse(),
                    c.newRequests(), c.complaintText(), c.completedAt(), c.complaint(), c.version());
        }
    }

    /** A complaint as the branch manager sees it. */
    public record ComplaintView(String id, String callId, String branchId, String customerId, String vin,
            Complaint.Status status, int satisfaction, String text, Instant raisedAt, String resolution, Instant closedAt) {
        static ComplaintView of(FollowUpCall c) {
            Complaint k = c.complaint();
            return new ComplaintView(k.id(), c.id(), c.branchId(), c.customerId(), c.vin(), k.status(), k.satisfaction(),
                    k.text(), k.raisedAt(), k.resolution(), k.closedAt());
        }
    }

    @GetMapping("/follow-up-calls")
    @Operation(summary = "Follow-up calls of the branch, by status (default OPEN), soonest due first (AFT-5)")
    public PageResponse<CallView> listCalls(
            @RequestParam(defaultValue = "OPEN") FollowUpCall.Status status,
            @RequestParam(required = false) LocalDate dueBefore,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        return calls.calls(caller, status, dueBefore, page, size).map(CallView::of);
    }

    @GetMapping("/follow-up-calls/{id}")
    @Operation(summary = "One follow-up call; another branch's answers 404")
    public CallView getCall(@PathVariable String id, Caller caller) {
        return CallView.of(visibleCall(caller, id));
    }

    @PostMapping("/follow-up-calls/{id}/completion")
    @Operation(summary = "Record the call: car use, satisfaction 1-5, new requests, complaint; a score of 2 or less, "
            + "or any complaint text, raises a complaint for the branch manager (AFT-5)")
    public CallView complete(@PathVariable String id, @Valid @RequestBody CallOutcome outcome, Caller caller,
            IdempotencyKey key) {
        WorkshopRoles.requireWorkshopStaff(caller);
        return CallView.of(change(caller, id, key, call -> call.complete(outcome.satisfaction(), outcome.carUse(),
                outcome.newRequests(), outcome.complaint(), caller.userId(), calendar.now())));
    }

    @PostMapping("/follow-up-calls/{id}/not-reached")
    @Operation(summary = "The customer did not answer (AFT-5): the call is due again on the next business day; the "
            + "third attempt without reaching them closes it as NOT_REACHED")
    public CallView notReached(@PathVariable String id, Caller caller, IdempotencyKey key) {
        WorkshopRoles.requireWorkshopStaff(caller);
        LocalDate today = calendar.today();
        return CallView.of(change(caller, id, key, call -> call.notReached(today, calendar.nextBusinessDay(today),
                caller.userId(), calendar.now())));
    }

    @GetMapping("/complaints")
    @Operation(summary = "Complaints of the branch for its manager (HQ: all), by status (default OPEN)")
    public PageResponse<ComplaintView> listComplaints(
            @RequestParam(defaultValue = "OPEN") Complaint.Status status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        requireManager(caller);
        return calls.complaints(caller, status, page, size).map(ComplaintView::of);
    }

    @PostMapping("/complaints/{complaintId}/closure")
    @Operation(summary = "The branch manager closes a complaint with its resolution (AFT-5)")
    public ComplaintView close(@PathVariable String complaintId, @Valid @RequestBody ComplaintResolution resolution,
            Caller caller, IdempotencyKey key) {
        requireManager(caller);
        if (!complaintId.startsWith("cmp-")) {
            throw new NotFoundException("complaint", complaintId);
        }
        String callId = complaintId.substring("cmp-".length());
        return ComplaintView.of(change(caller, callId, key,
                call -> call.closeComplaint(resolution.resolution(), caller.userId(), calendar.now())));
    }

    private static void requireManager(Caller caller) {
        if (!caller.isHq() && !caller.hasRole(Role.BRANCH_MANAGER)) {
            throw new AccessDeniedException("only the branch manager or HQ handles complaints");
        }
    }

    private FollowUpCall visibleCall(Caller caller, String id) {
        return calls.findVisible(id, caller)
                .orElseThrow(() -> new NotFoundException("follow-up call", id));
    }

    private FollowUpCall change(Caller caller, String id, IdempotencyKey key, Consumer<FollowUpCall> intention) {
        FollowUpCall call = visibleCall(caller, id);
        if (call.alreadyApplied(key)) { // REL-7: a retry of a change already made is answered from the call as it is
            return call;
        }
        intention.accept(call);
        call.rememberRequest(key);
        calls.update(call); // a concurrent change answers 409: reload and retry
        return call;
    }
}
