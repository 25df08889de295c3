package org.dealerplatform.aftersales.vehicle;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** What a workshop did to a vehicle (AFT-1) and what kind of job it was (AFT-2), as the vehicle needs it: amounts in fen. */
public record ServiceRecord(String workOrderId, String branchId, JobType jobType, LocalDate serviceDate, long mileageKm,
        List<String> items, long partsFen, long labourFen, String technician) {

    public ServiceRecord {
        Objects.requireNonNull(jobType, "jobType");
    }
}
