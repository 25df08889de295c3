package org.dealerplatform.aftersales.followup.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.aftersales.AftersalesProperties;
import org.dealerplatform.aftersales.followup.FollowUpCall;
import org.dealerplatform.aftersales.followup.persistence.FollowUpCallStore;
import org.dealerplatform.aftersales.workorder.WorkOrder;
import org.dealerplatform.aftersales.workorder.persistence.WorkOrders;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reacts to this service's own {@code MaintenanceRecorded}: schedules the follow-up call of the service (AFT-5) and
 * makes sure the work order is in the read model (it is written by the request too; a crash in between is healed
 * here). Both effects are keyed by the work order id, so redelivery and relay duplicates change nothing.
 */
@Component
public class MaintenanceRecordedListener {

    static final String TOPIC = "aftersales.vehicle.events";

    private final EventReader reader;
    private final FollowUpCallStore calls;
    private final WorkOrders workOrders;
    private final AftersalesProperties properties;

    public MaintenanceRecordedListener(EventReader reader, FollowUpCallStore calls, WorkOrders workOrders,
            AftersalesProperties properties) {
        this.reader = reader;
        this.calls = calls;
        this.workOrders = workOrders;
        this.properties = properties;
    }

    /** The fields of {@code dealer.aftersales.MaintenanceRecorded.v1} read here. */
    record MaintenanceRecorded(String workOrderId, String vin, String customerId, String branchId, LocalDate serviceDate,
            long mileageKm, List<String> items, long partsFen, long labourFen, String technician, Instant recordedAt) {
    }

    @KafkaListener(topics = TOPIC)
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = reader.read(record);
        try (EventContext.Scope scope = event.open()) {
            if (!"dealer.aftersales.MaintenanceRecorded.v1".equals(event.type())) {
                return;
            }
            MaintenanceRecorded m = reader.data(event, MaintenanceRecorded.class);
            workOrders.storeOnce(new WorkOrder(m.workOrderId(), m.vin(), m.branchId(), m.customerId(), m.serviceDate(),
                    m.mileageKm(), m.items() == null ? List.of() : m.items(), m.partsFen(), m.labourFen(), m.technician(),
                    m.recordedAt()));
            if (m.customerId() == null) {
                return; // a walk-in vehicle without a known owner: nobody to call
            }
            try {
                calls.insert(FollowUpCall.schedule(m.workOrderId(), m.vin(), m.customerId(), m.branchId(),
                        m.serviceDate(), properties.followUp().dueWithinDays()));
            } catch (DuplicateKeyException alreadyScheduled) {
                // the call of this work order exists: a redelivered or republished event
            }
        }
    }
}
