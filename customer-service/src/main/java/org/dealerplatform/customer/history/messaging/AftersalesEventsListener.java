package org.dealerplatform.customer.history.messaging;

import org.dealerplatform.customer.history.application.CustomerTimeline;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.springframework.stereotype.Component;

/**
 * After-sales events for the customer 360's timeline (CUS-7) and the file's visits (CUS-1). The timeline's own records
 * are the fields read (tolerant reader).
 */
@Component
public class AftersalesEventsListener extends EventsListener {

    public static final String VEHICLES = "aftersales.vehicle.events";
    public static final String CAMPAIGNS = "aftersales.campaign.events";
    public static final String FOLLOW_UPS = "aftersales.followup.events";

    public AftersalesEventsListener(EventDispatcher dispatcher, CustomerTimeline timeline) {
        super(dispatcher.handlers("aftersales-timeline")
                .on("dealer.aftersales.MaintenanceRecorded.v1", CustomerTimeline.Maintenance.class,
                        (m, event) -> timeline.maintenanceRecorded(m))
                .on(MaintenanceDue.class, (d, event) -> timeline.nextServiceDue(d.vin(), d.customerId(), d.branchId(),
                        d.dueDate(), d.dueMileageKm(), d.model()))
                .on("dealer.aftersales.CampaignInvitationRequested.v1", CustomerTimeline.Invitation.class,
                        (c, event) -> timeline.invited(c))
                // issue 10: v2 names the campaign; CampaignLaunched brings its name and period once
                .on("dealer.aftersales.CampaignInvitationRequested.v2", CustomerTimeline.InvitationV2.class,
                        (c, event) -> timeline.invited(c, event.time()))
                .on("dealer.aftersales.CampaignLaunched.v1", CustomerTimeline.LaunchedCampaign.class,
                        (c, event) -> timeline.campaignLaunched(c))
                .on("dealer.aftersales.FollowUpCompleted.v1", CustomerTimeline.FollowUp.class,
                        (f, event) -> timeline.followUpCompleted(f)), VEHICLES, CAMPAIGNS, FOLLOW_UPS);
    }

    /** Fields of MaintenanceDue this service reads. */
    @EventType("dealer.aftersales.MaintenanceDue.v1")
    record MaintenanceDue(String vin, String customerId, String branchId, String dueDate, Long dueMileageKm,
            String model) {
    }
}
