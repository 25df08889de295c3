package org.dealerplatform.aftersales.workorder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.Id;

/**
 * A completed work order (AFT-1). It is a record of the past, never changed: the vehicle aggregate publishes
 * {@code MaintenanceRecorded} for it, and this read model answers lists and KPIs (AFT-7).
 */
public record WorkOrder(@Id String id, String vin, String branchId, String customerId, LocalDate serviceDate,
        long mileageKm, List<String> items, long partsFen, long labourFen, String technician, Instant recordedAt) {

    public long totalFen() {
        return partsFen + labourFen;
    }
}
