package org.dealerplatform.notification.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dealerplatform.notification.NotificationProperties;
import org.dealerplatform.notification.contact.ContactBook;
import org.dealerplatform.notification.contact.ContactProfile;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.DeliveryPolicy;
import org.dealerplatform.notification.outbound.MessageTemplates;
import org.dealerplatform.notification.outbound.Notification;
import org.dealerplatform.notification.outbound.NotificationStatus;
import org.dealerplatform.notification.outbound.PolicySettings;
import org.dealerplatform.notification.outbound.Purpose;
import org.dealerplatform.notification.outbound.persistence.CustomerLocks;
import org.dealerplatform.notification.outbound.persistence.DispatchQueue;
import org.dealerplatform.notification.outbound.persistence.DispatchQueueBackfill;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.notification.outbound.persistence.RecentSends;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** NOT-3 and NOT-5 as the dispatcher applies them to one claimed notification, with a fixed time and stub adapters. */
class DispatcherTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant DAYTIME = LocalDateTime.parse("2026-11-20T10:00").atZone(SHANGHAI).toInstant();
    static final Instant NIGHT = LocalDateTime.parse("2026-11-20T22:30").atZone(SHANGHAI).toInstant();

    final NotificationStore store = mock(NotificationStore.class);
    final DispatchQueue queue = mock(DispatchQueue.class);
    final RecentSends recentSends = mock(RecentSends.class);
    final ContactBook contacts = mock(ContactBook.class);
    final SmsProviders sms = mock(SmsProviders.class);
    final EmailSender email = mock(EmailSender.class);
    Dispatcher dispatcher;

    @BeforeEach
    void setUp() {
        NotificationProperties properties = new NotificationProperties(null,
                new NotificationProperties.Retry(Duration.ofSeconds(30), Duration.ofMinutes(10), 3, Duration.ofSeconds(15)),
                null, null, null, null, Map.of(), null);
        dispatcher = new Dispatcher(store, queue, recentSends, mock(DispatchQueueBackfill.class), contacts, new DeliveryPolicy(PolicySettings.defaults()),
                new MessageTemplates("测试店"), sms, email, properties, Clock.systemUTC(), new SimpleMeterRegistry(),
                mock(CustomerLocks.class), mock(org.dealerplatform.notification.campaign.CampaignReplica.class));
        ContactProfile customer = new ContactProfile("c-1", "JS-NJ-01", "王伟", "13812345678", "w@example.cn", null,
                "zh-CN", Map.of(Channel.SMS, true, Channel.EMAIL, true), List.of(Channel.SMS, Channel.EMAIL), null,
                Map.of(), null);
        when(contacts.find("c-1")).thenReturn(Optional.of(customer));
        when(recentSends.since(anyString(), any())).thenReturn(List.of());
    }

    static Notification reminder(Instant now) {
        return Notification.request("maintenance-due:VIN:2027-11-20", "JS-NJ-01", "c-1", Purpose.MAINTENANCE_DUE,
                Map.of("vin", "VIN", "model", "Passat", "dueDate", "2027-11-20"), now);
    }

    @Test
    @DisplayName("NOT-3 at 22:30 in Shanghai the SMS is not sent but deferred to 08:00 the next morning")
    void quietHoursDefer() {
        Notification n = reminder(NIGHT);
        dispatcher.deliver(n, NIGHT);
        assertThat(n.status()).isEqualTo(NotificationStatus.QUEUED);
        assertThat(n.nextAttemptAt()).isEqualTo(LocalDateTime.parse("2026-11-21T08:00").atZone(SHANGHAI).toInstant());
        verify(sms, never()).send(any(SmsMessage.class), anyString(), any());
    }

    @Test
    @DisplayName("NOT-5 a provider error is retried with exponential back-off, then the channel fails over to e-mail")
    void retryThenFailover() {
        when(sms.send(any(SmsMessage.class), anyString(), any()))
                .thenThrow(new SmsSendFailure(SmsSendFailure.Kind.TRANSIENT, "sms-primary failed: HTTP 503"));
        Notification n = reminder(DAYTIME);
        dispatcher.deliver(n, DAYTIME);
        assertThat(n.attempts()).isEqualTo(1);
        assertThat(n.nextAttemptAt()).isEqualTo(DAYTIME.plusSeconds(30));
        dispatcher.deliver(n, DAYTIME);
        assertThat(n.nextAttemptAt()).isEqualTo(DAYTIME.plusSeconds(60));
        dispatcher.deliver(n, DAYTIME);
        assertThat(n.excludedChannels()).containsExactly(Channel.SMS);

        dispatcher.deliver(n, DAYTIME);
        assertThat(n.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(n.channel()).isEqualTo(Channel.EMAIL);
        verify(email).send("w@example.cn", n.subject(), n.body());
    }

    @Test
    @DisplayName("NOT-5 while every provider's circuit is open the SMS waits without using up attempts: nothing is lost")
    void circuitOpenWaits() {
        when(sms.send(any(SmsMessage.class), anyString(), any()))
                .thenThrow(new SmsSendFailure(SmsSendFailure.Kind.UNAVAILABLE, "sms-primary unavailable"));
        Notification n = reminder(DAYTIME);
        for (int i = 0; i < 10; i++) {
            dispatcher.deliver(n, DAYTIME);
        }
        assertThat(n.status()).isEqualTo(NotificationStatus.QUEUED);
        assertThat(n.attempts()).isZero();
        assertThat(n.excludedChannels()).isEmpty();
        assertThat(n.nextAttemptAt()).isEqualTo(DAYTIME.plusSeconds(15));
    }

    @Test
    @DisplayName("NOT-5 when SMS is refused and e-mail keeps failing, the notification ends FAILED with a NotificationFailed event")
    void allChannelsFail() {
        when(sms.send(any(SmsMessage.class), anyString(), any()))
                .thenThrow(new SmsSendFailure(SmsSendFailure.Kind.REJECTED, "invalid number"));
        org.mockito.Mockito.doThrow(new org.springframework.mail.MailSendException("550 mailbox unavailable"))
                .when(email).send(anyString(), anyString(), anyString());
        Notification n = reminder(DAYTIME);
        for (int i = 0; i < 6; i++) {
            if (n.status() == NotificationStatus.QUEUED) {
                dispatcher.deliver(n, DAYTIME);
            }
        }
        assertThat(n.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(n.reason()).startsWith("every usable channel failed");
        assertThat(n.recordedEvents()).hasSize(1);
    }

    @Test
    @DisplayName("ECO-1 the dispatcher hands the SMS port the purpose, the customer's language and the template variables next to the rendered text")
    void templateVariablesReachThePort() {
        org.mockito.ArgumentCaptor<SmsMessage> sent = org.mockito.ArgumentCaptor.forClass(SmsMessage.class);
        when(sms.send(sent.capture(), anyString(), any())).thenReturn(new SmsProviders.Accepted("sms-aliyun", "biz-1"));
        Notification n = reminder(DAYTIME);
        dispatcher.deliver(n, DAYTIME);
        assertThat(n.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(n.provider()).isEqualTo("sms-aliyun");
        SmsMessage message = sent.getValue();
        assertThat(message.to()).isEqualTo("13812345678");
        assertThat(message.purpose()).isEqualTo(Purpose.MAINTENANCE_DUE);
        assertThat(message.language()).isEqualTo("zh-CN");
        assertThat(message.text()).isEqualTo(n.body()).endsWith("回TD退订");
        assertThat(message.variables()).containsExactly(Map.entry("name", "王伟"), Map.entry("model", "Passat"),
                Map.entry("dueDate", "2027年11月20日"), Map.entry("branch", "JS-NJ-01"), Map.entry("phone", ""));
    }
}
