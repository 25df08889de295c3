package org.dealerplatform.customer.vehicle;

import java.time.LocalDate;

/** A vehicle the customer no longer owns (CUS-9): kept for history, never reminded about. */
public record FormerVehicle(String vin, String model, String newOwnerCustomerId, LocalDate transferDate) {
}
