package org.dealerplatform.customer.history.messaging;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.customer.customer.Customer;
import org.dealerplatform.customer.customer.Visit;
import org.dealerplatform.customer.customer.persistence.CustomerStore;
import org.dealerplatform.customer.history.HistoryKind;
import org.dealerplatform.customer.history.persistence.CustomerHistory;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Maintenance, next service due, campaign invitations and follow-up calls for the customer 360 (CUS-7); each
 * maintenance is also recorded as a visit in the customer's file (CUS-1).
 */
@Component
public class AftersalesEventsListener {

    static final String VEHICLES = "aftersales.vehicle.events";
    static final String CAMPAIGNS = "aftersales.campaign.events";
    static final String FOLLOW_UPS = "aftersales.followup.events";

    private final EventReader reader;
    private final CustomerHistory history;
    private final CustomerStore customers;
    private final Clock clock;

    public AftersalesEventsListener(EventReader reader, CustomerHistory history, CustomerStore customers, Clock clock) {
        this.reader = reader;
        this.history = history;
        this.customers = customers;
        this.clock = clock;
    }

    /** Fields of MaintenanceRecorded this service reads. */
    record MaintenanceRecorded(String workOrderId, String vin, String customerId, String branchId, String serviceDate,
            Long mileageKm, List<String> items, Long partsFen, Long labourFen, String technician, String nextDueDate,
            Long nextDueMileageKm) {
    }

    /** Fields of MaintenanceDue this service reads. */
    record MaintenanceDue(String vin, String customerId, String branchId, String dueDate, Long dueMileageKm,
            String model) {
    }

    /** Fields of CampaignInvitationRequested this service reads. */
    record CampaignInvitation(String campaignId, String customerId, String branchId, String campaignName,
            String content, String startDate, String endDate, String address, String vin) {
    }

    /** Fields of FollowUpCompleted this service reads. */
    record FollowUpCompleted(String callId, String customerId, String branchId, Integer satisfaction, String carUse,
            String newRequests, String complaint, String completedAt) {
    }

    @KafkaListener(topics = {VEHICLES, CAMPAIGNS, FOLLOW_UPS})
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = reader.read(record);
        try (EventContext.Scope scope = event.open()) {
            switch (event.type()) {
                case "dealer.aftersales.MaintenanceRecorded.v1" -> maintenance(reader.data(event, MaintenanceRecorded.class));
                case "dealer.aftersales.MaintenanceDue.v1" -> due(reader.data(event, MaintenanceDue.class));
                case "dealer.aftersales.CampaignInvitationRequested.v1" -> campaign(reader.data(event, CampaignInvitation.class));
                case "dealer.aftersales.FollowUpCompleted.v1" -> followUp(reader.data(event, FollowUpCompleted.class));
                default -> {
                    // not part of the customer 360
                }
            }
        }
    }

    private void maintenance(MaintenanceRecorded m) {
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
            Map<String, Object> due = new LinkedHashMap<>();
            due.put("vin", m.vin());
            due.put("dueDate", m.nextDueDate());
            due.put("dueMileageKm", m.nextDueMileageKm());
            history.put("next-due:" + m.vin(), HistoryKind.NEXT_SERVICE_DUE, m.customerId(), m.branchId(),
                    m.nextDueDate(), due);
        }
    }

    /** CUS-1: the file keeps the date of each maintenance, once per work order. */
    private void recordMaintenanceVisit(MaintenanceRecorded m) {
        if (m.serviceDate() == null) {
            return;
        }
        Visit visit = new Visit(LocalDate.parse(m.serviceDate()), Visit.Kind.MAINTENANCE,
                m.items() == null ? null : String.join(", ", m.items()), "work-order:" + m.workOrderId());
        for (int attempt = 1; ; attempt++) {
            Customer customer = customers.findById(customers.currentId(m.customerId())).orElse(null);
            if (customer == null || !customer.recordVisitOnce(visit, clock.instant())) {
                return;
            }
            try {
                customers.update(customer);
                return;
            } catch (ConcurrentModificationException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private void due(MaintenanceDue d) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("vin", d.vin());
        fields.put("dueDate", d.dueDate());
        fields.put("dueMileageKm", d.dueMileageKm());
        fields.put("model", d.model());
        history.put("next-due:" + d.vin(), HistoryKind.NEXT_SERVICE_DUE, d.customerId(), d.branchId(), d.dueDate(), fields);
    }

    private void campaign(CampaignInvitation c) {
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

    private void followUp(FollowUpCompleted f) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("callId", f.callId());
        fields.put("satisfaction", f.satisfaction());
        fields.put("carUse", f.carUse());
        fields.put("newRequests", f.newRequests());
        fields.put("complaint", f.complaint());
        history.put("follow-up:" + f.callId(), HistoryKind.FOLLOW_UP_CALL, f.customerId(), f.branchId(),
                f.completedAt(), fields);
    }
}
