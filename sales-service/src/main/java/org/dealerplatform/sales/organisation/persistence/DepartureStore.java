package org.dealerplatform.sales.organisation.persistence;

import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.sales.organisation.SalespersonDeparture;
import org.springframework.stereotype.Component;

/**
 * Departures of salespeople in collection {@code salesperson_departures} ({@code _id} = salesperson id, read by
 * {@code _id} only); events to {@code sales.organisation.events} (UI-3).
 */
@Component
public class DepartureStore extends AggregateStore<SalespersonDeparture> {

    public static final String COLLECTION = "salesperson_departures";
    public static final String TOPIC = "sales.organisation.events";

    public DepartureStore(OutboxSupport support) {
        super(support, SalespersonDeparture.class, COLLECTION, TOPIC);
    }
}
