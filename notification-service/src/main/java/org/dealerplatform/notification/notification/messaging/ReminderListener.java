package org.dealerplatform.notification.notification.messaging;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.notification.notification.Notification;
import org.dealerplatform.notification.notification.Purpose;
import org.dealerplatform.notification.notification.delivery.Dispatcher;
import org.dealerplatform.notification.notification.persistence.NotificationStore;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns after-sales reminder events into queued notifications, one per business reason (NOT-4): the notification id
 * is the event's reason key (or {@code followup:<callId>}), so a redelivered or replayed event is a duplicate-key no-op.
 */
@Component
public class ReminderListener {

    static final String VEHICLE_TOPIC = "aftersales.vehicle.events";
    static final String CAMPAIGN_TOPIC = "aftersales.campaign.events";
    static final String FOLLOWUP_TOPIC = "aftersales.followup.events";

    private final EventReader reader;
    private final NotificationStore notifications;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final MeterRegistry meters;

    public ReminderListener(EventReader reader, NotificationStore notifications, Dispatcher dispatcher, Clock clock,
            MeterRegistry meters) {
        this.reader = reader;
        this.notifications = notifications;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.meters = meters;
    }

    /** The fields of {@code dealer.aftersales.MaintenanceDue.v1} this service reads. */
    record MaintenanceDue(String vin, String customerId, String branchId, String dueDate, Integer dueMileageKm,
            String model, String reasonKey) {
    }

    /** The fields of {@code dealer.aftersales.CampaignInvitationRequested.v1} this service reads. */
    record CampaignInvitationRequested(String campaignId, String customerId, String branchId, String campaignName,
            String content, String startDate, String endDate, String address, String vin, String reasonKey) {
    }

    /** The fields of {@code dealer.aftersales.FollowUpCallDue.v1} this service reads. */
    record FollowUpCallDue(String callId, String workOrderId, String customerId, String branchId, String vin,
            String dueDate) {
    }

    @KafkaListener(topics = {VEHICLE_TOPIC, CAMPAIGN_TOPIC, FOLLOWUP_TOPIC})
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = reader.read(record);
        try (EventContext.Scope scope = event.open()) {
            switch (event.type()) {
                case "dealer.aftersales.MaintenanceDue.v1" -> {
                    MaintenanceDue due = reader.data(event, MaintenanceDue.class);
                    Map<String, String> facts = facts("vin", due.vin(), "model", due.model(), "dueDate", due.dueDate(),
                            "dueMileageKm", due.dueMileageKm() == null ? null : due.dueMileageKm().toString());
                    request(due.reasonKey() != null ? due.reasonKey() : "maintenance-due:" + due.vin() + ":" + due.dueDate(),
                            due.branchId(), due.customerId(), Purpose.MAINTENANCE_DUE, facts);
                }
                case "dealer.aftersales.CampaignInvitationRequested.v1" -> {
                    CampaignInvitationRequested invitation = reader.data(event, CampaignInvitationRequested.class);
                    Map<String, String> facts = facts("campaignId", invitation.campaignId(),
                            "campaignName", invitation.campaignName(), "content", invitation.content(),
                            "startDate", invitation.startDate(), "endDate", invitation.endDate(),
                            "address", invitation.address(), "vin", invitation.vin());
                    request(invitation.reasonKey() != null ? invitation.reasonKey()
                                    : "campaign:" + invitation.campaignId() + ":" + invitation.customerId(),
                            invitation.branchId(), invitation.customerId(), Purpose.CAMPAIGN_INVITATION, facts);
                }
                case "dealer.aftersales.FollowUpCallDue.v1" -> {
                    FollowUpCallDue call = reader.data(event, FollowUpCallDue.class);
                    request("followup:" + call.callId(), call.branchId(), call.customerId(), Purpose.FOLLOW_UP_CALL,
                            facts("callId", call.callId(), "workOrderId", call.workOrderId(), "vin", call.vin(),
                                    "dueDate", call.dueDate()));
                }
                default -> {
                    // other after-sales events are not reminders
                }
            }
        }
    }

    private void request(String reasonKey, String branchId, String customerId, Purpose purpose, Map<String, String> facts) {
        try {
            notifications.insert(Notification.request(reasonKey, branchId, customerId, purpose, facts, clock.instant()));
            meters.counter("dealer.notifications.requested", "purpose", purpose.name()).increment();
            dispatcher.wake();
        } catch (DuplicateKeyException alreadyRequested) {
            // NOT-4: the same business reason again (redelivery, replay, a second publication): nothing to do
            meters.counter("dealer.notifications.duplicates", "purpose", purpose.name()).increment();
        }
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
