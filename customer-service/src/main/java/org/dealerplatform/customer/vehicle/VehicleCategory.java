package org.dealerplatform.customer.vehicle;

/** Vehicle categories (CUS-4): passenger cars and the special-purpose vehicles the seed names. */
public enum VehicleCategory {
    PASSENGER_CAR, SUV, MPV, COMMERCIAL, TANK_CAR, CHEMICAL_TRUCK, SPRINKLER, BULK_CEMENT_TRUCK, OTHER_SPECIAL
}
