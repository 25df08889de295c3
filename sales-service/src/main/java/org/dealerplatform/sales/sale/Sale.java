package org.dealerplatform.sales.sale;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.outbox.AggregateRoot;

/**
 * A vehicle sale of one branch (SAL-1), crediting one or more salespeople by share (SAL-11). It is never deleted: a
 * cancellation or correction keeps the previous facts in the audit trail and tells the figures through an event.
 */
public class Sale extends AggregateRoot {

    private final String regionId;
    private String customerId;
    private List<SalesCredit> salespeople;
    private Vehicle vehicle;
    private Segment segment;
    private long amountFen;
    private LocalDate saleDate;
    private SaleStatus status;
    private final String recordedBy;
    private final Instant recordedAt;
    private final List<SaleChange> changes;

    public Sale(String id, String branchId, String regionId, String customerId, List<SalesCredit> salespeople,
            Vehicle vehicle, Segment segment, long amountFen, LocalDate saleDate, SaleStatus status, String recordedBy,
            Instant recordedAt, List<SaleChange> changes, long version) {
        super(id, branchId, version);
        this.regionId = regionId;
        this.customerId = customerId;
        this.salespeople = List.copyOf(salespeople);
        this.vehicle = vehicle;
        this.segment = segment;
        this.amountFen = amountFen;
        this.saleDate = saleDate;
        this.status = status;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
        this.changes = changes == null ? new ArrayList<>() : new ArrayList<>(changes);
    }

    /** Records a new sale; the credits must add up to 100% and the amount must be positive. */
    public static Sale record(String id, String branchId, String regionId, String customerId, List<SalesCredit> salespeople,
            Vehicle vehicle, Segment segment, long amountFen, LocalDate saleDate, String by, Instant now) {
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(regionId, "regionId");
        check(salespeople, amountFen);
        Sale sale = new Sale(id, branchId, regionId, customerId, salespeople, vehicle, segment, amountFen, saleDate,
                SaleStatus.ACTIVE, by, now, List.of(), 0);
        sale.record(new SaleEvents.SaleRecorded(id, branchId, regionId, customerId, sale.salespeople, vehicle,
                segment, amountFen, saleDate, now));
        return sale;
    }

    /** Replaces the facts of the sale, keeping the previous ones in the audit trail (SAL-1). */
    public void correct(SaleFacts corrected, String reason, String by, Instant now) {
        requireActive("correct");
        requireReason(reason);
        check(corrected.salespeople(), corrected.amountFen());
        SaleFacts before = facts();
        SaleFacts after = new SaleFacts(corrected.customerId(), List.copyOf(corrected.salespeople()), corrected.vehicle(),
                corrected.segment(), corrected.amountFen(), corrected.saleDate(), SaleStatus.ACTIVE);
        if (before.equals(after)) {
            throw new RuleViolation("reason", "the correction changes nothing");
        }
        customerId = after.customerId();
        salespeople = after.salespeople();
        vehicle = after.vehicle();
        segment = after.segment();
        amountFen = after.amountFen();
        saleDate = after.saleDate();
        changes.add(new SaleChange(SaleChange.Kind.CORRECTED, by, now, reason.strip(), before, after));
        record(new SaleEvents.SaleCorrected(id, branchId, regionId, customerId, salespeople, vehicle, segment,
                amountFen, saleDate, before.amountFen(), before.saleDate(), reason.strip(), now));
    }

    /** Cancels the sale; it stays on file but no figure counts it any more (SAL-1). */
    public void cancel(String reason, String by, Instant now) {
        requireActive("cancel");
        requireReason(reason);
        SaleFacts before = facts();
        status = SaleStatus.CANCELLED;
        changes.add(new SaleChange(SaleChange.Kind.CANCELLED, by, now, reason.strip(), before, facts()));
        record(new SaleEvents.SaleCancelled(id, branchId, regionId, customerId, amountFen, saleDate,
                reason.strip(), now));
    }

    public SaleFacts facts() {
        return new SaleFacts(customerId, salespeople, vehicle, segment, amountFen, saleDate, status);
    }

    private void requireActive(String what) {
        if (status == SaleStatus.CANCELLED) {
            throw new RuleViolation("status", "a cancelled sale cannot be " + (what.equals("cancel") ? "cancelled again" : "corrected"));
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("reason", "say why the sale changes");
        }
    }

    private static void check(List<SalesCredit> salespeople, long amountFen) {
        String problem = SalesCredit.problemWith(salespeople);
        if (problem != null) {
            throw new RuleViolation("salespeople", problem);
        }
        if (amountFen <= 0) {
            throw new RuleViolation("amountFen", "the amount must be positive");
        }
    }

    public String regionId() {
        return regionId;
    }

    public String customerId() {
        return customerId;
    }

    public List<SalesCredit> salespeople() {
        return salespeople;
    }

    public Vehicle vehicle() {
        return vehicle;
    }

    public Segment segment() {
        return segment;
    }

    public long amountFen() {
        return amountFen;
    }

    public LocalDate saleDate() {
        return saleDate;
    }

    public SaleStatus status() {
        return status;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public List<SaleChange> changes() {
        return List.copyOf(changes);
    }
}
