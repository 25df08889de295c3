package org.dealerplatform.customer.history.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dealerplatform.customer.file.Visit;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.history.HistoryKind;
import org.dealerplatform.customer.history.persistence.CustomerHistory;
import org.dealerplatform.platform.BusinessCalendar;
import org.springframework.stereotype.Service;

/**
 * The customer 360's timeline (CUS-7) from other services' events: maintenance, next service due, campaign
 * invitations, follow-up calls (after-sales) and every notification with its status (NOT-6). Each entry is keyed by
 * its business reason, so a redelivered event rewrites the same entry. A maintenance is also recorded as a visit in
 * the customer's file (CUS-1), once per work order.
 */
@Service
public class CustomerTimeline {


    private final CustomerHistory history;
    private final CustomerStore customers;
    private final BusinessCalendar calendar;

    public CustomerTimeline(CustomerHistory history, CustomerStore customers, BusinessCalendar calendar) {
        this.history = history;
        this.customers = customers;
        this.calendar = calendar;
    }

    /** A maintenance (work order) and, when known, the vehicle's next due date. */
    public record Maintenance(String workOrderId, String vin, String customerId, String branchId, String serviceDate,
            Long mileageKm, List<String> items, Long partsFen, Long labourFen, String technician, String nextDueDate,
            Long nextDueMileageKm) {
    }

    public void maintenanceRecorded(Maintenance m) {
        if (m.customerId() == null) {
            return; // a vehicle without a known owner belongs to no customer's history
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("workOrderId", m.workOrderId());
        fields.put("vin", m.vin());
        fields.put("mileageKm", m.mileageKm());
        fields.put("items", m.items());
        fields.put("partsFen", m.partsFen());
        fields.put("labourFen", m.labourFen());
        fields.put("technician", m.technician());
        history.put("maintenance:" + m.workOrderId(), HistoryKind.MAINTENANCE, m.customerId(), m.branchId(),
                m.serviceDate(), fields);
        recordMaintenanceVisit(m);
        if (m.nextDueDate() != null) {
            nextServiceDue(m.vin(), m.customerId(), m.branchId(), m.nextDueDate(), m.nextDueMileageKm(), null);
        }
    }

    public void nextServiceDue(String vin, String customerId, String branchId, String dueDate, Long dueMileageKm,
            String model) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("vin", vin);
        fields.put("dueDate", dueDate);
        fields.put("dueMileageKm", dueMileageKm);
        if (model != null) {
            fields.put("model", model);
        }
        history.put("next-due:" + vin, HistoryKind.NEXT_SERVICE_DUE, customerId, branchId, dueDate, fields);
    }

    /** A campaign invitation requested for the customer (AFT-4). */
    public record Invitation(String campaignId, String customerId, String branchId, String campaignName, String content,
            String startDate, String endDate, String address, String vin) {
    }

    public void invited(Invitation c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaignId", c.campaignId());
        fields.put("campaignName", c.campaignName());
        fields.put("content", c.content());
        fields.put("startDate", c.startDate());
        fields.put("endDate", c.endDate());
        fields.put("address", c.address());
        fields.put("vin", c.vin());
        history.put("campaign:" + c.campaignId() + ":" + c.customerId(), HistoryKind.CAMPAIGN_INVITATION,
                c.customerId(), c.branchId(), c.startDate(), fields);
    }

    /** What a launched campaign says, once (issue 10: CampaignLaunched.v1). */
    public record LaunchedCampaign(String campaignId, String campaignName, String startDate, String endDate,
            String address) {
    }

    public void campaignLaunched(LaunchedCampaign c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaignName", c.campaignName());
        fields.put("startDate", c.startDate());
        fields.put("endDate", c.endDate());
        fields.put("address", c.address());
        history.campaignLaunched(c.campaignId(), fields);
    }

    /** A campaign invitation of version 2: it names the campaign only (issue 10). */
    public record InvitationV2(String campaignId, String customerId, String branchId, String vin) {
    }

    /**
     * A v2 invitation: the campaign's name, period and address from the launched campaign when it is known here, else
     * the campaign id alone, dated the day it was requested (the content stays with the campaign).
     */
    public void invited(InvitationV2 c, Instant requestedAt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaignId", c.campaignId());
        String date = requestedAt == null ? null : calendar.dateOf(requestedAt).toString();
        org.bson.Document campaign = history.campaign(c.campaignId());
        if (campaign != null) {
            fields.put("campaignName", campaign.getString("campaignName"));
            fields.put("startDate", campaign.getString("startDate"));
            fields.put("endDate", campaign.getString("endDate"));
            fields.put("address", campaign.getString("address"));
            date = campaign.getString("startDate");
        }
        fields.put("vin", c.vin());
        history.put("campaign:" + c.campaignId() + ":" + c.customerId(), HistoryKind.CAMPAIGN_INVITATION,
                c.customerId(), c.branchId(), date, fields);
    }

    /** A completed return-visit call (AFT-5). */
    public record FollowUp(String callId, String customerId, String branchId, Integer satisfaction, String carUse,
            String newRequests, String complaint, String completedAt) {
    }

    public void followUpCompleted(FollowUp f) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("callId", f.callId());
        fields.put("satisfaction", f.satisfaction());
        fields.put("carUse", f.carUse());
        fields.put("newRequests", f.newRequests());
        fields.put("complaint", f.complaint());
        history.put("follow-up:" + f.callId(), HistoryKind.FOLLOW_UP_CALL, f.customerId(), f.branchId(),
                f.completedAt(), fields);
    }

    /**
     * A notification's news (sent, delivered, failed): {@code details} are added to its one contact entry, dated by
     * {@code date} when it is the sending.
     */
    public void contact(String notificationId, String reasonKey, String channel, String customerId, String branchId,
            String date, Map<String, Object> details) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("notificationId", notificationId);
        fields.put("reasonKey", reasonKey);
        fields.put("channel", channel);
        fields.putAll(details);
        history.put("contact:" + notificationId, HistoryKind.CONTACT, customerId, branchId, date, fields);
    }

    /** CUS-1: the file keeps the date of each maintenance, once per work order. */
    private void recordMaintenanceVisit(Maintenance m) {
        if (m.serviceDate() == null) {
            return;
        }
        Visit visit = new Visit(LocalDate.parse(m.serviceDate()), Visit.Kind.MAINTENANCE,
                m.items() == null ? null : String.join(", ", m.items()), "work-order:" + m.workOrderId());
        customers.change(customers.currentId(m.customerId()), customer -> customer.recordVisitOnce(visit, calendar.now()));
    }
}
