package org.dealerplatform.notification.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.dealerplatform.notification.outbound.delivery.SmsProviders;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.notification.support.CustomerFixture;
import org.dealerplatform.notification.support.CustomerFixture.Customer;
import org.dealerplatform.notification.support.Reminders;
import org.dealerplatform.notification.support.SmsProviderStub;
import org.dealerplatform.notification.support.SmsProviderStub.Mode;
import org.dealerplatform.notification.support.TestProviders;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Provider outages (NOT-5), with the circuit breaker durations shortened in the test configuration. */
@ServiceTest
class ProviderOutageTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    NotificationStore notifications;
    @Autowired
    SmsProviders providers;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    final SmsProviderStub sms = TestProviders.sms();

    @AfterEach
    void providersBackUp() {
        sms.mode("sms-primary", Mode.UP);
        sms.mode("sms-secondary", Mode.UP);
    }

    List<String> queueReminders(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS").withoutEmail());
            ids.add(Reminders.maintenanceDue(brokers, customer, Reminders.vin()));
        }
        return ids;
    }

    /** Sends reminders through an answering primary until its circuit is closed again (after another test's outage). */
    void primaryClosed() {
        sms.mode("sms-primary", Mode.UP);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (providers.state("sms-primary") == CircuitBreaker.State.CLOSED) {
                return true;
            }
            queueReminders(1);
            return false;
        });
    }

    Optional<Notification> find(String id) {
        return notifications.findById(id);
    }

    @Test
    @DisplayName("NOT-5 both SMS providers down: the circuits open, everything stays queued; after recovery every "
            + "queued SMS is delivered exactly once, none lost and none twice")
    void outageThenRecovery() {
        sms.mode("sms-primary", Mode.DOWN);
        sms.mode("sms-secondary", Mode.DOWN);
        List<String> ids = queueReminders(8);

        await().atMost(Duration.ofSeconds(20)).until(() -> providers.state("sms-primary") == CircuitBreaker.State.OPEN
                && providers.state("sms-secondary") == CircuitBreaker.State.OPEN);
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> find(id).isPresent()));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> ids.stream()
                .allMatch(id -> find(id).orElseThrow().status() == NotificationStatus.QUEUED));
        assertThat(ids).allSatisfy(id -> assertThat(sms.receivedFor(id)).isEmpty());

        sms.mode("sms-primary", Mode.UP);
        sms.mode("sms-secondary", Mode.UP);

        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                .allMatch(id -> find(id).orElseThrow().status() == NotificationStatus.SENT));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> ids.stream().allMatch(id -> sms.receivedFor(id).size() == 1));
        assertThat(ids).allSatisfy(id -> assertThat(find(id).orElseThrow().channel()).isEqualTo(Channel.SMS));
    }

    @Test
    @DisplayName("NOT-5 the primary SMS provider takes a message but answers after the timeout: the retry asks it again "
            + "with the same Idempotency-Key instead of the secondary, so the customer gets one SMS, not two")
    void unansweredProviderIsAskedAgainNotTheSecond() {
        primaryClosed();
        sms.mode("sms-primary", Mode.SLOW_ACCEPT);
        String id = queueReminders(1).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> sms.receivedFor(id).size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> find(id).map(n -> n.attempts() >= 1).orElse(false));
        assertThat(find(id).orElseThrow().status()).isEqualTo(NotificationStatus.QUEUED);
        assertThat(find(id).orElseThrow().provider()).as("the provider that may have it").isEqualTo("sms-primary");
        sms.mode("sms-primary", Mode.UP);

        await().atMost(Duration.ofSeconds(20)).until(() -> find(id).map(n -> n.status() == NotificationStatus.SENT)
                .orElse(false));
        assertThat(find(id).orElseThrow().provider()).isEqualTo("sms-primary");
        assertThat(sms.receivedFor(id)).as("sent once, by the primary").hasSize(1)
                .allSatisfy(r -> assertThat(r.provider()).isEqualTo("sms-primary"));
        assertThat(sms.repeatedKeys("sms-primary")).as("the retry repeated the key").isPositive();
    }

    @Test
    @DisplayName("NOT-5 the primary SMS provider down (503): the message fails over to the secondary provider; too slow "
            + "(no answer in time): the secondary is not asked, as the primary may have the message, and the message "
            + "goes out through the primary once it answers")
    void failoverToSecondProvider() {
        sms.mode("sms-primary", Mode.DOWN);
        String down = queueReminders(1).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> find(down).map(n -> n.status() == NotificationStatus.SENT).orElse(false));
        assertThat(find(down).orElseThrow().provider()).isEqualTo("sms-secondary");

        primaryClosed();
        sms.mode("sms-primary", Mode.SLOW);
        String slow = queueReminders(1).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> find(slow).map(n -> n.attempts() >= 2).orElse(false));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> sms.receivedFor(slow).isEmpty()
                && find(slow).map(n -> n.status() == NotificationStatus.QUEUED).orElse(false));
        assertThat(find(slow).orElseThrow().provider()).as("waits for the provider that may have it").isEqualTo("sms-primary");

        sms.mode("sms-primary", Mode.UP);
        await().atMost(Duration.ofSeconds(20)).until(() -> find(slow).map(n -> n.status() == NotificationStatus.SENT).orElse(false));
        assertThat(find(slow).orElseThrow().provider()).isEqualTo("sms-primary");
        assertThat(sms.receivedFor(slow)).hasSize(1);
    }
}
