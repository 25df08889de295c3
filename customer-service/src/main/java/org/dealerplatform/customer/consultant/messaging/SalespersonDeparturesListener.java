package org.dealerplatform.customer.consultant.messaging;

import java.time.Instant;

import org.dealerplatform.customer.consultant.ConsultantDeparture;
import org.dealerplatform.customer.consultant.application.Consultants;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventType;
import org.dealerplatform.platform.consumer.EventsListener;
import org.springframework.stereotype.Component;

/** UI-3: a salesperson who left hands the customers they looked after to their successor ({@code sales.organisation.events}). */
@Component
public class SalespersonDeparturesListener extends EventsListener {

    public static final String TOPIC = "sales.organisation.events";

    public SalespersonDeparturesListener(EventDispatcher dispatcher, Consultants consultants) {
        super(dispatcher.handlers("consultants")
                .on(Departure.class, (left, event) -> consultants.handOver(new ConsultantDeparture(left.salespersonId(),
                        left.branchId(), left.successorId(), left.deactivatedAt()))), TOPIC);
    }

    /** Fields of SalespersonDeactivated this listener reads. */
    @EventType("dealer.sales.SalespersonDeactivated.v1")
    record Departure(String salespersonId, String branchId, String successorId, Instant deactivatedAt) {
    }
}
