package org.dealerplatform.notification.outbound.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import org.dealerplatform.notification.campaign.CampaignReplica;
import org.dealerplatform.notification.campaign.application.CampaignsLaunched;
import org.dealerplatform.notification.outbound.Purpose;
import org.dealerplatform.notification.outbound.application.NotificationRequests;
import org.dealerplatform.platform.consumer.BatchHandler;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.stereotype.Component;

/**
 * After-sales reasons to contact a customer, each turned into one notification request (NOT-2, NOT-4): maintenance
 * due (AFT-3), campaign invitations (AFT-4) and follow-up calls (AFT-5).
 */
@Component
public class AftersalesEventsListener extends EventsListener {

    public static final String VEHICLE_TOPIC = "aftersales.vehicle.events";
    public static final String CAMPAIGN_TOPIC = "aftersales.campaign.events";
    public static final String FOLLOWUP_TOPIC = "aftersales.followup.events";

    public AftersalesEventsListener(EventDispatcher dispatcher, NotificationRequests requests,
            CampaignsLaunched campaigns) {
        // issue 10: each kind of request is a batch handler, so a poll's run of them is queued with bulk writes
        super(dispatcher.handlers("notification-requests")
                .onBatch(MaintenanceDue.class, batch(requests, (due, event) -> new NotificationRequests.Request(
                        due.reasonKey() != null ? due.reasonKey() : "maintenance-due:" + due.vin() + ":" + due.dueDate(),
                        due.branchId(), due.customerId(), Purpose.MAINTENANCE_DUE,
                        facts("vin", due.vin(), "model", due.model(), "dueDate", due.dueDate(),
                                "dueMileageKm", due.dueMileageKm() == null ? null : due.dueMileageKm().toString()),
                        event.traceparent())))
                .onBatch(CampaignInvitationRequested.class, batch(requests, (invitation, event) -> new NotificationRequests.Request(
                        invitation.reasonKey() != null ? invitation.reasonKey()
                                : "campaign:" + invitation.campaignId() + ":" + invitation.customerId(),
                        invitation.branchId(), invitation.customerId(), Purpose.CAMPAIGN_INVITATION,
                        facts("campaignId", invitation.campaignId(), "campaignName", invitation.campaignName(),
                                "content", invitation.content(), "startDate", invitation.startDate(),
                                "endDate", invitation.endDate(), "address", invitation.address(), "vin", invitation.vin()),
                        event.traceparent())))
                // issue 10: v2 names the campaign; its content comes from the campaign replica when it is sent
                .onBatch(CampaignInvitationRequestedV2.class, batch(requests, (invitation, event) -> new NotificationRequests.Request(
                        invitation.reasonKey() != null ? invitation.reasonKey()
                                : "campaign:" + invitation.campaignId() + ":" + invitation.customerId(),
                        invitation.branchId(), invitation.customerId(), Purpose.CAMPAIGN_INVITATION,
                        facts("campaignId", invitation.campaignId(), "vin", invitation.vin()), event.traceparent())))
                .on(CampaignLaunched.class, (campaign, event) -> campaigns.launched(new CampaignReplica.CampaignFacts(
                        campaign.campaignId(), campaign.branchId(), campaign.campaignName(), campaign.content(),
                        campaign.startDate(), campaign.endDate(), campaign.address())))
                .onBatch(FollowUpCallDue.class, batch(requests, (call, event) -> new NotificationRequests.Request(
                        "followup:" + call.callId(), call.branchId(), call.customerId(), Purpose.FOLLOW_UP_CALL,
                        facts("callId", call.callId(), "workOrderId", call.workOrderId(), "vin", call.vin(),
                                "dueDate", call.dueDate()), event.traceparent()))), VEHICLE_TOPIC, CAMPAIGN_TOPIC, FOLLOWUP_TOPIC);
    }

    /** The fields of MaintenanceDue this service reads. */
    @EventType("dealer.aftersales.MaintenanceDue.v1")
    record MaintenanceDue(String vin, String customerId, String branchId, String dueDate, Integer dueMileageKm,
            String model, String reasonKey) {
    }

    /** The fields of CampaignInvitationRequested this service reads. */
    @EventType("dealer.aftersales.CampaignInvitationRequested.v1")
    record CampaignInvitationRequested(String campaignId, String customerId, String branchId, String campaignName,
            String content, String startDate, String endDate, String address, String vin, String reasonKey) {
    }

    /** The fields of CampaignInvitationRequested.v2 this service reads: the campaign by id, no content (issue 10). */
    @EventType("dealer.aftersales.CampaignInvitationRequested.v2")
    record CampaignInvitationRequestedV2(String campaignId, String customerId, String branchId, String vin,
            String reasonKey) {
    }

    /** The fields of CampaignLaunched this service reads: what every invitation of the campaign says. */
    @EventType("dealer.aftersales.CampaignLaunched.v1")
    record CampaignLaunched(String campaignId, String branchId, String campaignName, String content, String startDate,
            String endDate, String address) {
    }

    /** The fields of FollowUpCallDue this service reads. */
    @EventType("dealer.aftersales.FollowUpCallDue.v1")
    record FollowUpCallDue(String callId, String workOrderId, String customerId, String branchId, String vin,
            String dueDate) {
    }

    /** A batch handler that turns each event of a run into a request and queues the run at once. */
    private static <T> BatchHandler<T> batch(NotificationRequests requests,
            BiFunction<T, IncomingEvent, NotificationRequests.Request> toRequest) {
        return events -> requests.requestAll(events.stream()
                .map(delivered -> toRequest.apply(delivered.data(), delivered.event())).toList());
    }

    private static Map<String, String> facts(String... keysAndValues) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                facts.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return facts;
    }
}
