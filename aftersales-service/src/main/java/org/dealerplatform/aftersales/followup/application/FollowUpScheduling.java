package org.dealerplatform.aftersales.followup.application;

import org.dealerplatform.aftersales.AftersalesProperties;
import org.dealerplatform.aftersales.followup.FollowUpCall;
import org.dealerplatform.aftersales.followup.persistence.FollowUpCallStore;
import org.dealerplatform.aftersales.workorder.WorkOrder;
import org.dealerplatform.aftersales.workorder.persistence.WorkOrders;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * AFT-1, AFT-5: a recorded service keeps its work order and, when the owner is known, schedules the return-visit call;
 * both once per work order, however often the event arrives.
 */
@Service
public class FollowUpScheduling {

    private final FollowUpCallStore calls;
    private final WorkOrders workOrders;
    private final AftersalesProperties properties;

    public FollowUpScheduling(FollowUpCallStore calls, WorkOrders workOrders, AftersalesProperties properties) {
        this.calls = calls;
        this.workOrders = workOrders;
        this.properties = properties;
    }

    public void serviceRecorded(WorkOrder workOrder) {
        workOrders.storeOnce(workOrder);
        if (workOrder.customerId() == null) {
            return; // a walk-in vehicle without a known owner: nobody to call
        }
        try {
            calls.insert(FollowUpCall.schedule(workOrder.id(), workOrder.vin(), workOrder.customerId(),
                    workOrder.branchId(), workOrder.serviceDate(), properties.followUp().dueWithinDays()));
        } catch (DuplicateKeyException alreadyScheduled) {
            // the call of this work order exists: a redelivered or republished event
        }
    }
}
