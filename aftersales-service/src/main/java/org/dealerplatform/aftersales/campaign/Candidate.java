package org.dealerplatform.aftersales.campaign;

import java.time.LocalDate;

import org.dealerplatform.aftersales.vehicle.VehicleCategory;

/** A customer and one of their vehicles, as an audience rule sees them (AFT-4). Class null: not classified yet. */
public record Candidate(String customerId, String vin, String customerClass, VehicleCategory category,
        LocalDate purchaseDate, Long mileageKm, LocalDate lastVisitDate) {
}
