package org.dealerplatform.aftersales.followup;

import java.time.Instant;
import java.time.LocalDate;

import org.dealerplatform.platform.events.DomainEvent;

/** Events of follow-up calls, published on {@code aftersales.followup.events} with key = call id. */
public sealed interface FollowUpEvents extends DomainEvent {

    /** A return-visit call is due after a service (AFT-5). */
    record FollowUpCallDue(String callId, String workOrderId, String customerId, String branchId, String vin,
            LocalDate dueDate) implements FollowUpEvents {
    }

    /** A return-visit call was recorded (AFT-5). */
    record FollowUpCompleted(String callId, String customerId, String branchId, int satisfaction, String carUse,
            String newRequests, String complaint, Instant completedAt) implements FollowUpEvents {
    }

    /** A low satisfaction score or a recorded complaint raised a complaint for the branch manager (AFT-5). */
    record ComplaintRaised(String complaintId, String callId, String customerId, String branchId, int satisfaction,
            String text, Instant raisedAt) implements FollowUpEvents {
    }
}
