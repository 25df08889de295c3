package org.dealerplatform.customer.customer;

import java.time.Instant;
import java.time.LocalDate;

import org.dealerplatform.platform.events.DomainEvent;

/** Events of a customer file, published on {@code customers.customer.events} (schemas in the contracts module). */
public sealed interface CustomerEvents extends DomainEvent {

    /** A customer file was created (CUS-1). */
    record CustomerRegistered(String customerId, String branchId, String name, CustomerType type, String mobile,
            String email, String address, String preferredLanguage, LocalDate firstVisitDate, Instant registeredAt)
            implements CustomerEvents {
    }
}
