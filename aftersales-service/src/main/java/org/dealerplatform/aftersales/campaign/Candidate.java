package org.dealerplatform.aftersales.campaign;

import java.time.LocalDate;
import java.util.Map;

import org.dealerplatform.aftersales.vehicle.VehicleCategory;

/**
 * A customer and one of their vehicles, as an audience rule sees them (AFT-4). Class null: not classified yet.
 * {@code consents}: the customer's consent per channel ({@code SMS, EMAIL, LETTER, PHONE}) as the replica knows it, or
 * null when it knows none yet.
 */
public record Candidate(String customerId, String vin, String customerClass, VehicleCategory category,
        LocalDate purchaseDate, Long mileageKm, LocalDate lastVisitDate, Map<String, Boolean> consents) {

    public Candidate {
        consents = consents == null ? null : Map.copyOf(consents);
    }

    /** A candidate whose consents are not known here. */
    public Candidate(String customerId, String vin, String customerClass, VehicleCategory category,
            LocalDate purchaseDate, Long mileageKm, LocalDate lastVisitDate) {
        this(customerId, vin, customerClass, category, purchaseDate, mileageKm, lastVisitDate, null);
    }
}
