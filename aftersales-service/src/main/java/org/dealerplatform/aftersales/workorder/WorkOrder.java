package org.dealerplatform.aftersales.workorder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.dealerplatform.aftersales.vehicle.JobType;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * A completed work order (AFT-1) of one job type (AFT-2). It is a record of the past, never changed: the vehicle
 * aggregate publishes {@code MaintenanceRecorded} for it, and this read model answers lists and KPIs (AFT-7).
 * A null job type means "not known here": a work order healed from an event by a reader that does not read the type.
 */
public record WorkOrder(@Id String id, String vin, String branchId, String customerId, JobType jobType,
        LocalDate serviceDate, long mileageKm, List<String> items, long partsFen, long labourFen, String technician,
        Instant recordedAt) {

    @PersistenceCreator
    public WorkOrder {
    }

    public long totalFen() {
        return partsFen + labourFen;
    }
}
