package org.dealerplatform.sales.sale;

/** The vehicle sold. */
public record Vehicle(String vin, String model, VehicleCategory category, String plate) {
}
