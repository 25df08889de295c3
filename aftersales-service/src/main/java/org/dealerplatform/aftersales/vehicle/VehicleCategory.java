package org.dealerplatform.aftersales.vehicle;

/** Vehicle categories of the customer file (CUS-4); special-purpose vehicles follow stricter maintenance plans. */
public enum VehicleCategory {
    PASSENGER_CAR, SUV, MPV, COMMERCIAL, TANK_CAR, CHEMICAL_TRUCK, SPRINKLER, BULK_CEMENT_TRUCK, OTHER_SPECIAL;

    public boolean specialPurpose() {
        return switch (this) {
            case TANK_CAR, CHEMICAL_TRUCK, SPRINKLER, BULK_CEMENT_TRUCK, OTHER_SPECIAL -> true;
            default -> false;
        };
    }

    /** Reads a category from another service's payload; anything unknown counts as a passenger car. */
    public static VehicleCategory parse(String value) {
        if (value == null) {
            return PASSENGER_CAR;
        }
        try {
            return valueOf(value);
        } catch (IllegalArgumentException unknown) {
            return PASSENGER_CAR;
        }
    }
}
