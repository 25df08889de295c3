package org.dealerplatform.sales.sale;

/** Vehicle category (CUS-4), as in the event contracts. */
public enum VehicleCategory {
    PASSENGER_CAR, SUV, MPV, COMMERCIAL, TANK_CAR, CHEMICAL_TRUCK, SPRINKLER, BULK_CEMENT_TRUCK, OTHER_SPECIAL
}
