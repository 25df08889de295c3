package org.dealerplatform.notification.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.notification.outbound.delivery.SmsMessage;
import org.dealerplatform.notification.outbound.delivery.SmsProviders;
import org.dealerplatform.notification.outbound.persistence.DispatchQueue;
import org.dealerplatform.notification.outbound.persistence.DispatchQueueBackfill;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.notification.outbound.persistence.RecentSends;
import org.dealerplatform.notification.support.CustomerFixture;
import org.dealerplatform.notification.support.CustomerFixture.Customer;
import org.dealerplatform.notification.support.Reminders;
import org.dealerplatform.notification.support.SmsProviderStub;
import org.dealerplatform.notification.support.TestProviders;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The dispatch queue of unsent work (NOT-5) against crashes between its writes and the notification's: whichever
 * write a crash skips, no notification is stranded and none is sent twice. The crashes are played by writing only what
 * would have been written before them.
 */
@ServiceTest
class DispatchQueueTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    NotificationStore notifications;
    @Autowired
    DispatchQueue queue;
    @Autowired
    RecentSends recentSends;
    @Autowired
    DispatchQueueBackfill backfill;
    @Autowired
    SmsProviders providers;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    final SmsProviderStub sms = TestProviders.sms();

    Notification reminderFor(Customer customer, Instant now) {
        String vin = Reminders.vin();
        return Notification.request("maintenance-due:" + vin + ":2027-11-20", customer.branchId(), customer.id(),
                Purpose.MAINTENANCE_DUE, Map.of("vin", vin, "model", "Passat 330TSI", "dueDate", "2027-11-20"), now);
    }

    Document entry(String id) {
        return mongo.findById(id, Document.class, DispatchQueue.COLLECTION);
    }

    @Test
    @DisplayName("NOT-5 a request, once queued, is sent exactly once and leaves nothing on the queue")
    void queuedRequestIsSentAndLeavesTheQueue() {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        String id = Reminders.maintenanceDue(brokers, customer, Reminders.vin());

        await().atMost(Duration.ofSeconds(20)).until(() -> sms.receivedFor(id).size() == 1
                && notifications.findById(id).map(n -> n.status() == NotificationStatus.SENT).orElse(false)
                && entry(id) == null);
        assertThat(recentSends.since(customer.id(), Instant.now().minus(Duration.ofHours(1)))).hasSize(1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> sms.receivedFor(id).size() == 1);
    }

    @Test
    @DisplayName("OBS-1 a queued notification's dispatch continues the trace it was requested in: the NotificationSent event carries its trace id")
    void dispatchContinuesTheRequestsTrace() {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        Notification reminder = reminderFor(customer, Instant.now());
        String requested = EventContext.newTraceparent();
        String traceId = requested.substring(3, 35);

        try (TopicProbe events = new TopicProbe(brokers, NotificationStore.TOPIC)) {
            queue.enqueue(reminder.id(), Instant.now(), Instant.now(), requested);
            notifications.insert(reminder);

            ConsumerRecord<String, byte[]> sent = events.await(r -> reminder.id().equals(r.key())
                    && String.valueOf(TopicProbe.header(r, "ce_type")).contains("NotificationSent"), 1, Duration.ofSeconds(20)).get(0);
            // recorded inside the dispatch span, the child of the requested context: same trace, a new span id
            assertThat(TopicProbe.header(sent, "ce_traceparent")).startsWith("00-" + traceId + "-")
                    .isNotEqualTo(requested);
            assertThat(TopicProbe.header(sent, "traceparent")).startsWith("00-" + traceId + "-");
        }
        assertThat(sms.receivedFor(reminder.id())).hasSize(1);
    }

    @Test
    @DisplayName("NOT-5 crash after the queue entry, before the notification insert: the orphan entry is removed after "
            + "the grace period, and nothing is sent")
    void orphanEntryIsRemoved() {
        String id = "maintenance-due:ORPHAN" + Reminders.vin() + ":2027-11-20";
        mongo.insert(new Document("_id", id).append("nextAttemptAt", new Date())
                .append("enqueuedAt", Date.from(Instant.now().minus(Duration.ofHours(1)))).append("rev", 0L),
                DispatchQueue.COLLECTION);

        await().atMost(Duration.ofSeconds(10)).until(() -> entry(id) == null);
        assertThat(sms.receivedFor(id)).isEmpty();
        assertThat(notifications.findById(id)).isEmpty();
    }

    @Test
    @DisplayName("NOT-5 an insert that is merely slow after its queue entry is not stranded: within the grace period "
            + "the entry waits for it, and the notification is sent once")
    void slowInsertIsNotStranded() throws InterruptedException {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        Notification reminder = reminderFor(customer, Instant.now());
        queue.enqueue(reminder.id(), Instant.now(), Instant.now());
        Thread.sleep(500); // the dispatcher claims the entry and finds no notification yet
        assertThat(entry(reminder.id())).isNotNull();

        notifications.insert(reminder);

        await().atMost(Duration.ofSeconds(20)).until(() -> sms.receivedFor(reminder.id()).size() == 1
                && entry(reminder.id()) == null);
        assertThat(notifications.findById(reminder.id()).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    @DisplayName("NOT-5 NOT-4 NOT-3 crash after a send was saved, before its queue entry was removed: the entry is "
            + "removed when claimed again, nothing is sent twice, and the frequency cap still counts the send")
    void entryOfASentNotificationIsRemoved() {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        Instant sentAt = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        Notification reminder = reminderFor(customer, sentAt);
        notifications.insert(reminder);
        Notification sent = notifications.findById(reminder.id()).orElseThrow();
        sent.markSent(new Delivery(Channel.SMS, "zh-CN", customer.mobile(), null, "text", "sms-primary", "m-1"), sentAt);
        notifications.update(sent);
        queue.enqueue(reminder.id(), Instant.now(), Instant.now());

        await().atMost(Duration.ofSeconds(10)).until(() -> entry(reminder.id()) == null);
        assertThat(sms.receivedFor(reminder.id())).isEmpty();
        assertThat(recentSends.since(customer.id(), sentAt.minusSeconds(1))).containsExactly(sentAt);
    }

    @Test
    @DisplayName("NOT-5 issue 10 crash after the provider took the SMS, before the page's outcomes were saved: the entry is "
            + "claimed again, the provider is asked with the same Idempotency-Key and the customer gets one SMS")
    void crashAfterTheProviderTookItDoesNotSendTwice() {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        Notification reminder = reminderFor(customer, Instant.now());
        // what the crashed page did before it died: the provider took the SMS keyed by the notification id
        SmsProviders.Accepted first = providers.send(SmsMessage.text(customer.mobile(), "保养提醒"), reminder.id(), null);
        assertThat(sms.receivedFor(reminder.id())).hasSize(1);
        notifications.insert(reminder);
        queue.enqueue(reminder.id(), Instant.now(), Instant.now());

        await().atMost(Duration.ofSeconds(20)).until(() -> entry(reminder.id()) == null
                && notifications.findById(reminder.id()).map(n -> n.status() == NotificationStatus.SENT).orElse(false));
        Notification sent = notifications.findById(reminder.id()).orElseThrow();
        assertThat(sent.providerMessageId()).isEqualTo(first.messageId());
        assertThat(sms.receivedFor(reminder.id())).hasSize(1);
    }

    @Test
    @DisplayName("NOT-5 crash after a deferral was saved, before its queue entry was rescheduled: the entry follows "
            + "the notification's next attempt and nothing is sent early")
    void entryFollowsASavedDeferral() {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        Notification reminder = reminderFor(customer, Instant.now());
        notifications.insert(reminder);
        Notification deferred = notifications.findById(reminder.id()).orElseThrow();
        Instant later = Instant.now().plus(Duration.ofHours(1));
        deferred.defer(later, "quiet hours");
        notifications.update(deferred);
        queue.enqueue(reminder.id(), Instant.now(), Instant.now());

        await().atMost(Duration.ofSeconds(10)).until(() -> entry(reminder.id()) != null
                && entry(reminder.id()).getDate("nextAttemptAt").toInstant().equals(later.truncatedTo(ChronoUnit.MILLIS)));
        assertThat(sms.receivedFor(reminder.id())).isEmpty();
        assertThat(notifications.findById(reminder.id()).orElseThrow().status()).isEqualTo(NotificationStatus.QUEUED);
    }

    @Test
    @DisplayName("NOT-5 a queued notification stored before the dispatch queue existed gets its entry at the first "
            + "start and is sent")
    void backfillQueuesOlderNotifications() {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        Notification reminder = reminderFor(customer, Instant.now());
        notifications.insert(reminder); // no queue entry: written by the former version
        mongo.remove(Query.query(Criteria.where("_id").is("dispatch-queue-v1")), "notification-migrations");

        backfill.runOnce(Instant.now(), Duration.ofDays(7));

        await().atMost(Duration.ofSeconds(20)).until(() -> sms.receivedFor(reminder.id()).size() == 1
                && entry(reminder.id()) == null);
        assertThat(mongo.findById("dispatch-queue-v1", Document.class, "notification-migrations")).isNotNull();
    }
}
