package org.dealerplatform.aftersales.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.outbox.AggregateRoot;

/**
 * A return-visit call after a service (AFT-5): due a few days after the work order, it records the customer's car use,
 * satisfaction (1–5), new requests and complaint. A score of {@value #COMPLAINT_THRESHOLD} or less, or any complaint
 * text, raises a complaint for the branch manager.
 *
 * <p>A customer who does not answer is tried again on the next business day; after {@value #MAX_ATTEMPTS} attempts
 * without reaching them the call closes as {@code NOT_REACHED}.
 */
public class FollowUpCall extends AggregateRoot {

    public static final int COMPLAINT_THRESHOLD = 2;
    public static final int MAX_ATTEMPTS = 3;

    /** Open until staff record the call, or until the last attempt fails to reach the customer. */
    public enum Status {
        OPEN, COMPLETED, NOT_REACHED
    }

    private final String workOrderId;
    private final String vin;
    private final String customerId;
    private final LocalDate serviceDate;
    private LocalDate dueDate;
    private int notReachedAttempts;
    private Instant lastAttemptAt;
    private Status status;
    private Integer satisfaction;
    private String carUse;
    private String newRequests;
    private String complaintText;
    private String completedBy;
    private Instant completedAt;
    private Complaint complaint;

    public FollowUpCall(String id, String branchId, String workOrderId, String vin, String customerId,
            LocalDate serviceDate, LocalDate dueDate, int notReachedAttempts, Instant lastAttemptAt, Status status,
            Integer satisfaction, String carUse, String newRequests, String complaintText, String completedBy,
            Instant completedAt, Complaint complaint, long version) {
        super(id, branchId, version);
        this.workOrderId = workOrderId;
        this.vin = vin;
        this.customerId = customerId;
        this.serviceDate = serviceDate;
        this.dueDate = dueDate;
        this.notReachedAttempts = notReachedAttempts;
        this.lastAttemptAt = lastAttemptAt;
        this.status = status;
        this.satisfaction = satisfaction;
        this.carUse = carUse;
        this.newRequests = newRequests;
        this.complaintText = complaintText;
        this.completedBy = completedBy;
        this.completedAt = completedAt;
        this.complaint = complaint;
    }

    /** The call id of a work order: one call per service, whoever schedules it first. */
    public static String idFor(String workOrderId) {
        return "call-" + workOrderId;
    }

    /** Schedules the call of a service, due {@code dueWithinDays} after it (AFT-5). */
    public static FollowUpCall schedule(String workOrderId, String vin, String customerId, String branchId,
            LocalDate serviceDate, int dueWithinDays) {
        FollowUpCall call = new FollowUpCall(idFor(workOrderId), branchId, workOrderId, vin, customerId, serviceDate,
                serviceDate.plusDays(dueWithinDays), 0, null, Status.OPEN, null, null, null, null, null, null, null, 0);
        call.record(new FollowUpEvents.FollowUpCallDue(call.id, workOrderId, customerId, branchId, vin,
                call.dueDate));
        return call;
    }

    /**
     * Records what the customer said (AFT-5); a low score or any complaint text raises a complaint for the branch
     * manager.
     */
    public void complete(int score, String carUse, String newRequests, String complaintText, String by, Instant now) {
        requireOpen();
        if (score < 1 || score > 5) {
            throw new RuleViolation("satisfaction", "satisfaction is a score from 1 to 5");
        }
        this.status = Status.COMPLETED;
        this.satisfaction = score;
        this.carUse = carUse;
        this.newRequests = newRequests;
        this.complaintText = complaintText;
        this.completedBy = by;
        this.completedAt = now;
        record(new FollowUpEvents.FollowUpCompleted(id, customerId, branchId, score, carUse, newRequests,
                complaintText, now));
        if (score <= COMPLAINT_THRESHOLD || (complaintText != null && !complaintText.isBlank())) {
            complaint = new Complaint("cmp-" + id, Complaint.Status.OPEN, score, complaintText, now, null, null, null);
            record(new FollowUpEvents.ComplaintRaised(complaint.id(), id, customerId, branchId, score,
                    complaintText, now));
        }
    }

    /**
     * The customer did not answer on {@code today} (AFT-5): the call is due again on {@code nextBusinessDay}; the last of
     * {@value #MAX_ATTEMPTS} attempts closes it as {@code NOT_REACHED}.
     */
    public void notReached(LocalDate today, LocalDate nextBusinessDay, String by, Instant now) {
        requireOpen();
        if (!nextBusinessDay.isAfter(today)) {
            throw new IllegalArgumentException("the next attempt must come after " + today);
        }
        notReachedAttempts++;
        lastAttemptAt = now;
        completedBy = by;
        if (notReachedAttempts >= MAX_ATTEMPTS) {
            status = Status.NOT_REACHED;
            completedAt = now;
        } else {
            dueDate = nextBusinessDay;
        }
    }

    private void requireOpen() {
        if (status == Status.COMPLETED) {
            throw new RuleViolation("status", "this follow-up call was already recorded");
        }
        if (status == Status.NOT_REACHED) {
            throw new RuleViolation("status", "this follow-up call was closed after " + MAX_ATTEMPTS
                    + " attempts without reaching the customer");
        }
    }

    /** The branch manager closes the complaint with what was done about it. */
    public void closeComplaint(String resolution, String by, Instant now) {
        if (complaint == null) {
            throw new RuleViolation("complaint", "this call raised no complaint");
        }
        if (complaint.status() == Complaint.Status.CLOSED) {
            throw new RuleViolation("complaint", "this complaint is already closed");
        }
        complaint = complaint.close(resolution, by, now);
    }

    public String workOrderId() {
        return workOrderId;
    }

    public String vin() {
        return vin;
    }

    public String customerId() {
        return customerId;
    }

    public LocalDate serviceDate() {
        return serviceDate;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    /** Attempts that did not reach the customer so far (AFT-5). */
    public int notReachedAttempts() {
        return notReachedAttempts;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public Status status() {
        return status;
    }

    public Integer satisfaction() {
        return satisfaction;
    }

    public String carUse() {
        return carUse;
    }

    public String newRequests() {
        return newRequests;
    }

    public String complaintText() {
        return complaintText;
    }

    public String completedBy() {
        return completedBy;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public Complaint complaint() {
        return complaint;
    }
}
