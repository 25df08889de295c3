package org.dealerplatform.aftersales.vehicle;

import java.time.LocalDate;

/**
 * What the workshops did to a vehicle so far (AFT-1, AFT-2): its last work order of any job type and how many there
 * were, and its last maintenance and how many. A value part of {@link ServicedVehicle}; every work order returns a new
 * one.
 *
 * <p>Two "last" dates: {@code lastServiceDate} is the last work order of any job type (the customer's last visit, for
 * campaign audiences), {@code lastMaintenanceDate} the last maintenance, which alone restarts the cycle (AFT-2). A work
 * order dated before the last one still counts, but does not move the last date back.
 */
public record ServiceHistory(LocalDate lastServiceDate, Long lastServiceKm, int serviceCount,
        LocalDate lastMaintenanceDate, Long lastMaintenanceKm, int maintenanceCount) {

    /** A vehicle no workshop has seen yet. */
    public static final ServiceHistory NONE = new ServiceHistory(null, null, 0, null, null, 0);

    /** With a completed work order: every job type counts as a visit, only a maintenance restarts the cycle. */
    public ServiceHistory with(ServiceRecord service) {
        LocalDate serviceDate = lastServiceDate;
        Long serviceKm = lastServiceKm;
        if (lastServiceDate == null || !service.serviceDate().isBefore(lastServiceDate)) {
            serviceDate = service.serviceDate();
            serviceKm = service.mileageKm();
        }
        LocalDate maintenanceDate = lastMaintenanceDate;
        Long maintenanceKm = lastMaintenanceKm;
        int maintenances = maintenanceCount;
        if (service.jobType().restartsMaintenanceCycle()) {
            if (lastMaintenanceDate == null || !service.serviceDate().isBefore(lastMaintenanceDate)) {
                maintenanceDate = service.serviceDate();
                maintenanceKm = service.mileageKm();
            }
            maintenances++;
        }
        return new ServiceHistory(serviceDate, serviceKm, serviceCount + 1, maintenanceDate, maintenanceKm,
                maintenances);
    }

    /** Where the current maintenance cycle started (the last maintenance); null before the first one. */
    public OdometerReading cycleStart() {
        return lastMaintenanceDate == null ? null : new OdometerReading(lastMaintenanceDate, lastMaintenanceKm);
    }
}
