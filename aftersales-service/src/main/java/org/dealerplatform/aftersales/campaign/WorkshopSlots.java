package org.dealerplatform.aftersales.campaign;

import java.time.LocalDate;

/** How many customers the branch's workshop can take on a campaign day (AFT-8). */
public record WorkshopSlots(LocalDate date, int slots) {
}
