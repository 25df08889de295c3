package org.dealerplatform.notification.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.dealerplatform.notification.outbound.application.NotificationRequests;
import org.dealerplatform.notification.outbound.persistence.DispatchQueue;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.notification.support.CustomerFixture;
import org.dealerplatform.notification.support.CustomerFixture.Customer;
import org.dealerplatform.notification.support.Reminders;
import org.dealerplatform.notification.support.SmsProviderStub;
import org.dealerplatform.notification.support.TestProviders;
import org.dealerplatform.platform.events.ForeignBranchEffectException;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Issue 10: the requests of one poll are queued with bulk writes, under the rules of the one-by-one path. */
@ServiceTest
class NotificationRequestsBatchTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    NotificationRequests requests;
    @Autowired
    NotificationStore notifications;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    final SmsProviderStub sms = TestProviders.sms();

    static NotificationRequests.Request due(Customer customer, String vin, String branchId) {
        return new NotificationRequests.Request("maintenance-due:" + vin + ":2027-11-20", branchId, customer.id(),
                Purpose.MAINTENANCE_DUE, Map.of("vin", vin, "model", "Passat", "dueDate", "2027-11-20"), null);
    }

    @Test
    @DisplayName("issue 10 NOT-4 NOT-5 a batch of requests, one of them twice and one already queued, makes one "
            + "notification per reason key, each sent once")
    void batchQueuesEachReasonOnce() {
        Customer first = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        Customer second = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        String vinA = Reminders.vin();
        String vinB = Reminders.vin();
        String vinC = Reminders.vin();
        requests.request("maintenance-due:" + vinC + ":2027-11-20", "JS-NJ-01", second.id(), Purpose.MAINTENANCE_DUE,
                Map.of("vin", vinC, "model", "Passat", "dueDate", "2027-11-20"));

        requests.requestAll(List.of(due(first, vinA, "JS-NJ-01"), due(second, vinB, "JS-NJ-01"),
                due(first, vinA, "JS-NJ-01"), due(second, vinC, "JS-NJ-01")));

        for (String vin : List.of(vinA, vinB, vinC)) {
            String id = "maintenance-due:" + vin + ":2027-11-20";
            await().atMost(Duration.ofSeconds(20)).until(() -> sms.receivedFor(id).size() == 1
                    && notifications.findById(id).map(n -> n.status() == NotificationStatus.SENT).orElse(false)
                    && mongo.findById(id, org.bson.Document.class, DispatchQueue.COLLECTION) == null);
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> List.of(vinA, vinB, vinC)
                .stream().allMatch(vin -> sms.receivedFor("maintenance-due:" + vin + ":2027-11-20").size() == 1));
    }

    @Test
    @DisplayName("issue 10 INT-2 a batch naming another branch's customer is refused as a whole before any write, so the "
            + "listener applies it again one event at a time and only that event is dead-lettered")
    void foreignBranchRefusesTheBatch() {
        Customer own = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        Customer foreign = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-SZ-01", "SMS"));
        String vinOwn = Reminders.vin();
        String vinForeign = Reminders.vin();

        assertThatThrownBy(() -> requests.requestAll(List.of(due(own, vinOwn, "JS-NJ-01"),
                due(foreign, vinForeign, "JS-NJ-01")))).isInstanceOf(ForeignBranchEffectException.class);

        assertThat(notifications.findById("maintenance-due:" + vinOwn + ":2027-11-20")).isEmpty();
        assertThat(notifications.findById("maintenance-due:" + vinForeign + ":2027-11-20")).isEmpty();
        assertThat(mongo.findById("maintenance-due:" + vinForeign + ":2027-11-20", org.bson.Document.class,
                DispatchQueue.COLLECTION)).isNull();
    }
}
