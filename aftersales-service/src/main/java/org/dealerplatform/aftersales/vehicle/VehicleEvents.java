package org.dealerplatform.aftersales.vehicle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.dealerplatform.platform.events.DomainEvent;

/** Events of a serviced vehicle, published on {@code aftersales.vehicle.events} with key = VIN (schemas in contracts). */
public sealed interface VehicleEvents extends DomainEvent {

    /** A work order of any job type was completed (AFT-1), with the next due computed after it (AFT-2). */
    record MaintenanceRecorded(String workOrderId, String vin, String customerId, String branchId, JobType jobType,
            LocalDate serviceDate, long mileageKm, List<String> items, long partsFen, long labourFen, String technician,
            LocalDate nextDueDate, Long nextDueMileageKm, Instant recordedAt) implements VehicleEvents {
    }

    /** The vehicle's maintenance is due soon (AFT-3): once per vehicle and due date, to the current owner (CUS-9). */
    record MaintenanceDue(String vin, String customerId, String branchId, LocalDate dueDate, Long dueMileageKm,
            String model, String reasonKey) implements VehicleEvents {
    }
}
