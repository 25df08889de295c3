package org.dealerplatform.customer.consent.application;

import java.time.Clock;
import java.time.Instant;

import org.dealerplatform.customer.consent.Channel;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.springframework.stereotype.Service;

/** CUS-5, NOT-7: an opt-out reply (e.g. "TD" to an SMS) revokes the channel's consent on the customer's file. */
@Service
public class OptOutReplies {


    private final CustomerStore customers;
    private final Clock clock;

    public OptOutReplies(CustomerStore customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
    }

    /** Revokes the channel's consent (source SMS_REPLY); an unknown or closed file is not an error of the reply. */
    public void optedOut(String customerId, Channel channel, Instant receivedAt) {
        customers.change(customers.currentId(customerId), customer -> customer.status() == Customer.Status.ACTIVE
                && customer.optOut(channel, "SMS_REPLY", receivedAt, clock.instant()));
    }
}
