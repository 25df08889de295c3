package org.dealerplatform.customer.classification;

import java.time.LocalDate;

/** One sale to a customer as the purchase ledger keeps it (from sales events, CUS-3). */
public record Purchase(String saleId, LocalDate saleDate, long amountFen, String vin, String model) {
}
