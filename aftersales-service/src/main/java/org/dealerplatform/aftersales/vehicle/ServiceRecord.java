package org.dealerplatform.aftersales.vehicle;

import java.time.LocalDate;
import java.util.List;

/** What a workshop did to a vehicle (AFT-1), as the vehicle needs it: amounts in fen. */
public record ServiceRecord(String workOrderId, String branchId, LocalDate serviceDate, long mileageKm,
        List<String> items, long partsFen, long labourFen, String technician) {
}
