package org.dealerplatform.notification.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** NOT-5 status transitions and NOT-6 the contact history events each one records. */
class NotificationTest {

    static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");

    static Notification queued() {
        return Notification.request("maintenance-due:VIN:2027-11-20", "JS-NJ-01", "c-1", Purpose.MAINTENANCE_DUE, Map.of(), NOW);
    }

    @Test
    @DisplayName("NOT-4 the reason key is the notification id; a new notification is QUEUED and due at once, with no event yet")
    void requested() {
        Notification n = queued();
        assertThat(n.id()).isEqualTo("maintenance-due:VIN:2027-11-20");
        assertThat(n.status()).isEqualTo(NotificationStatus.QUEUED);
        assertThat(n.nextAttemptAt()).isEqualTo(NOW);
        assertThat(n.recordedEvents()).isEmpty();
    }

    @Test
    @DisplayName("NOT-5 NOT-6 QUEUED → SENT → DELIVERED records NotificationSent then NotificationDelivered; a second receipt changes nothing")
    void sentThenDelivered() {
        Notification n = queued();
        n.markSent(new Delivery(Channel.SMS, "zh-CN", "13812345678", null, "text", "sms-primary", "m-1"), NOW);
        assertThat(n.delivered(NOW.plusSeconds(5))).isTrue();
        assertThat(n.delivered(NOW.plusSeconds(6))).isFalse();
        assertThat(n.status()).isEqualTo(NotificationStatus.DELIVERED);
        assertThat(n.recordedEvents()).hasSize(2);
        assertThat(n.recordedEvents().get(0)).isEqualTo(new NotificationEvents.NotificationSent(n.id(), n.id(), "c-1",
                "JS-NJ-01", Channel.SMS, Purpose.MAINTENANCE_DUE, "sms-primary", NOW));
        assertThat(n.recordedEvents().get(1)).isInstanceOf(NotificationEvents.NotificationDelivered.class);
    }

    @Test
    @DisplayName("NOT-5 a bounce after sending records NotificationFailed with status BOUNCED")
    void bounced() {
        Notification n = queued();
        n.markSent(new Delivery(Channel.SMS, "zh-CN", "13812345678", null, "text", "sms-primary", "m-1"), NOW);
        n.undeliverable(NotificationStatus.BOUNCED, "number not in service", NOW);
        assertThat(n.recordedEvents().get(1)).isEqualTo(new NotificationEvents.NotificationFailed(n.id(), n.id(), "c-1",
                "JS-NJ-01", Channel.SMS, NotificationStatus.BOUNCED, "number not in service", NOW));
    }

    @Test
    @DisplayName("NOT-5 a failed attempt counts and reschedules; a failover resets the count and excludes the channel")
    void retryAndFailover() {
        Notification n = queued();
        n.retryLater(Channel.SMS, "HTTP 503", NOW.plusSeconds(30));
        assertThat(n.attempts()).isEqualTo(1);
        assertThat(n.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        n.failOver(Channel.SMS, "HTTP 503", NOW.plusSeconds(60));
        assertThat(n.attempts()).isZero();
        assertThat(n.excludedChannels()).containsExactly(Channel.SMS);
        assertThat(n.status()).isEqualTo(NotificationStatus.QUEUED);
        assertThat(n.recordedEvents()).isEmpty();
    }

    @Test
    @DisplayName("NOT-3 NOT-6 a suppressed notification records NotificationFailed with status SUPPRESSED and the reason")
    void suppressed() {
        Notification n = queued();
        n.suppress("no channel with consent", NOW);
        assertThat(n.status()).isEqualTo(NotificationStatus.SUPPRESSED);
        assertThat(((NotificationEvents.NotificationFailed) n.recordedEvents().get(0)).status()).isEqualTo(NotificationStatus.SUPPRESSED);
        assertThatThrownBy(() -> n.markSent(new Delivery(Channel.SMS, "zh-CN", "1", null, "t", "p", "m"), NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("NOT-1 call outcomes: three unanswered calls fail the reminder, a reached customer delivers it")
    void callOutcomes() {
        Notification call = Notification.request("followup:1", "JS-NJ-01", "c-1", Purpose.FOLLOW_UP_CALL, Map.of(), NOW);
        call.markSent(new Delivery(Channel.PHONE, "zh-CN", "13812345678", null, "script", "call-list", null), NOW);
        call.recordCallOutcome(CallOutcome.NO_ANSWER, null, NOW);
        call.recordCallOutcome(CallOutcome.NO_ANSWER, null, NOW);
        assertThat(call.status()).isEqualTo(NotificationStatus.SENT);
        call.recordCallOutcome(CallOutcome.NO_ANSWER, null, NOW);
        assertThat(call.status()).isEqualTo(NotificationStatus.FAILED);
    }

    @Test
    @DisplayName("NOT-5 back-off doubles from the initial delay and is capped; the channel is given up after the maximum attempts")
    void retrySchedule() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(30), Duration.ofMinutes(5), 4);
        assertThat(schedule.nextAttempt(1, NOW)).isEqualTo(NOW.plusSeconds(30));
        assertThat(schedule.nextAttempt(2, NOW)).isEqualTo(NOW.plusSeconds(60));
        assertThat(schedule.nextAttempt(4, NOW)).isEqualTo(NOW.plusSeconds(240));
        assertThat(schedule.nextAttempt(5, NOW)).isEqualTo(NOW.plusSeconds(300));
        assertThat(schedule.nextAttempt(60, NOW)).isEqualTo(NOW.plusSeconds(300));
        assertThat(schedule.exhausted(3)).isFalse();
        assertThat(schedule.exhausted(4)).isTrue();
    }

    @Test
    @DisplayName("NOT-1 a sent letter joins one print batch through the aggregate: a second batch does not take it, and only a sent letter can join")
    void letterJoinsOneBatch() {
        Notification letter = queued();
        assertThatThrownBy(() -> letter.putInBatch("LB-1")).isInstanceOf(IllegalStateException.class);
        letter.markSent(Delivery.byStaff(Channel.LETTER, "zh-CN", "张三\n南京市", "text", "letter-batch"), NOW);
        assertThat(letter.putInBatch("LB-1")).isTrue();
        assertThat(letter.putInBatch("LB-2")).isFalse();
        assertThat(letter.letterBatchId()).isEqualTo("LB-1");
        assertThat(letter.delivery()).isEqualTo(new Delivery(Channel.LETTER, "zh-CN", "张三\n南京市", null, "text",
                "letter-batch", null));
    }
}
