package org.dealerplatform.aftersales.vehicle;

import java.time.LocalDate;

/** What the odometer showed on a day: from a service, a mileage reading, or 0 km on the purchase date. */
public record OdometerReading(LocalDate date, long km) {
}
