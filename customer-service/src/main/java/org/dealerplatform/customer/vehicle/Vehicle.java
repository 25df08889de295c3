package org.dealerplatform.customer.vehicle;

import java.time.LocalDate;

/** A vehicle in a customer's file (CUS-1): VIN (unique across files, CUS-6), model, category, plate, purchase date. */
public record Vehicle(String vin, String model, VehicleCategory category, String plate, LocalDate purchaseDate) {
}
