package org.dealerplatform.aftersales.followup.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.dealerplatform.aftersales.followup.application.FollowUpScheduling;
import org.dealerplatform.aftersales.vehicle.JobType;
import org.dealerplatform.aftersales.workorder.WorkOrder;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.springframework.stereotype.Component;

/**
 * After each service, its work order and a return-visit call (AFT-1, AFT-5), from this service's own
 * {@code MaintenanceRecorded}: the vehicle's save and the work order are two documents, so the event joins them.
 */
@Component
public class VehicleEventsListener extends EventsListener {

    public static final String TOPIC = "aftersales.vehicle.events";

    public VehicleEventsListener(EventDispatcher dispatcher, FollowUpScheduling followUps) {
        super(dispatcher.handlers("follow-up-scheduling")
                .on(MaintenanceRecorded.class, (m, event) -> followUps.serviceRecorded(new WorkOrder(m.workOrderId(),
                        m.vin(), m.branchId(), m.customerId(), m.jobType() == null ? JobType.MAINTENANCE : m.jobType(),
                        m.serviceDate(), m.mileageKm(),
                        m.items() == null ? List.of() : m.items(), m.partsFen(), m.labourFen(), m.technician(),
                        m.recordedAt()))), TOPIC);
    }

    /** The fields of MaintenanceRecorded read here; events from before job types (AFT-2) were maintenance. */
    @EventType("dealer.aftersales.MaintenanceRecorded.v1")
    record MaintenanceRecorded(String workOrderId, String vin, String customerId, String branchId, JobType jobType,
            LocalDate serviceDate,
            long mileageKm, List<String> items, long partsFen, long labourFen, String technician, Instant recordedAt) {
    }
}
