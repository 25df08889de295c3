package org.dealerplatform.notification.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.dealerplatform.notification.NotificationProperties;
import org.dealerplatform.notification.campaign.CampaignReplica;
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
import org.dealerplatform.platform.outbox.AggregateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Issue 10: the dispatcher works a page of due notifications with one read per kind and one bulk write per outcome
 * kind, and still applies every rule of NOT-3 per notification. The stores are stubs, so the test sees exactly which
 * reads and writes a page makes.
 */
class DispatchPageTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant DAYTIME = LocalDateTime.parse("2026-11-20T10:00").atZone(SHANGHAI).toInstant();

    final NotificationStore store = mock(NotificationStore.class);
    final DispatchQueue queue = mock(DispatchQueue.class);
    final RecentSends recentSends = mock(RecentSends.class);
    final ContactBook contacts = mock(ContactBook.class);
    final CustomerLocks locks = mock(CustomerLocks.class);
    final SmsProviders sms = mock(SmsProviders.class);
    final Map<String, Notification> stored = new HashMap<>();
    final List<List<Notification>> saves = new ArrayList<>();
    Dispatcher dispatcher;

    @BeforeEach
    void setUp() {
        NotificationProperties properties = new NotificationProperties(null,
                new NotificationProperties.Retry(Duration.ofSeconds(30), Duration.ofMinutes(10), 3, Duration.ofSeconds(15)),
                null, null, null, null, Map.of(), null);
        dispatcher = new Dispatcher(store, queue, recentSends, mock(DispatchQueueBackfill.class), contacts,
                new DeliveryPolicy(PolicySettings.defaults()), new MessageTemplates("测试店"), sms,
                mock(EmailSender.class), properties, Clock.fixed(DAYTIME, ZoneOffset.UTC), new SimpleMeterRegistry(),
                locks, mock(CampaignReplica.class));
        when(queue.claimAll(anyList(), any())).thenAnswer(call -> call.getArgument(0));
        // every load is a fresh copy of what is stored, as from the database
        when(store.findAllById(anyCollection())).thenAnswer(call -> ((Collection<?>) call.getArgument(0)).stream()
                .map(id -> stored.get((String) id)).filter(n -> n != null).map(DispatchPageTest::copy).toList());
        when(store.updateAll(anyList(), any())).thenAnswer(call -> {
            List<Notification> saved = List.copyOf(call.getArgument(0));
            saves.add(saved);
            return new AggregateStore.BulkUpdate(saved.stream().map(Notification::id).toList(), List.of());
        });
        when(locks.tryLockAll(anyCollection(), anyString(), any(), any()))
                .thenAnswer(call -> new HashSet<>((Collection<String>) call.getArgument(0)));
        when(contacts.findAll(anyCollection())).thenReturn(Map.of(
                "c-ok", customer("c-ok", Map.of()),
                "c-out", customer("c-out", Map.of(Channel.SMS, DAYTIME.minus(Duration.ofDays(1)))),
                "c-cap", customer("c-cap", Map.of()),
                "c-two", customer("c-two", Map.of())));
        when(contacts.currentOwnersOf(anyCollection())).thenReturn(Map.of());
        when(recentSends.ledgers(anyCollection())).thenReturn(Map.of(
                "c-cap", ledger("c-cap", 3), "c-two", ledger("c-two", 2)));
        when(sms.send(any(SmsMessage.class), anyString(), any()))
                .thenAnswer(call -> new SmsProviders.Accepted("sms-primary", "m-" + call.getArgument(1)));
    }

    static ContactProfile customer(String id, Map<Channel, Instant> optOuts) {
        return new ContactProfile(id, "JS-NJ-01", "王伟", "13812345678", null, null, "zh-CN",
                Map.of(Channel.SMS, true), List.of(Channel.SMS), null, optOuts, null);
    }

    /** {@code count} sends in the last days, all inside the 7-day cap window. */
    static RecentSends.Ledger ledger(String customerId, int count) {
        List<Document> sends = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            sends.add(new Document("id", "earlier-" + i).append("at", Date.from(DAYTIME.minus(Duration.ofDays(i)))));
        }
        return new RecentSends.Ledger(customerId, sends, 7L);
    }

    Notification reminder(String customerId, String vin) {
        Notification n = Notification.request("maintenance-due:" + vin + ":2027-11-20", "JS-NJ-01", customerId,
                Purpose.MAINTENANCE_DUE, Map.of("vin", vin, "model", "Passat", "dueDate", "2027-11-20"), DAYTIME);
        n.recordedEvents().clear();
        stored.put(n.id(), n);
        return n;
    }

    static Notification copy(Notification n) {
        Notification copy = Notification.request(n.id(), n.branchId(), n.customerId(), n.purpose(), n.facts(), n.createdAt());
        copy.recordedEvents().clear();
        return copy;
    }

    static DispatchQueue.Entry entry(Notification n) {
        return new DispatchQueue.Entry(n.id(), DAYTIME, DAYTIME, 1, null);
    }

    Notification saved(String id) {
        return saves.stream().flatMap(List::stream).filter(n -> n.id().equals(id)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    @DisplayName("issue 10 NOT-3 one page mixing an opted-out, a capped and sendable notifications: each gets its own "
            + "outcome, the page counts its own sends against the cap, and the page costs one read per kind and one "
            + "bulk write per outcome kind")
    void pageMixingOptedOutCappedAndSendable() {
        Notification ok = reminder("c-ok", "VIN-OK");
        Notification optedOut = reminder("c-out", "VIN-OUT");
        Notification capped = reminder("c-cap", "VIN-CAP");
        Notification lastSlot = reminder("c-two", "VIN-TWO-1");
        Notification overCap = reminder("c-two", "VIN-TWO-2");

        int processed = dispatcher.dispatchPage(Stream.of(ok, optedOut, capped, lastSlot, overCap)
                .map(DispatchPageTest::entry).toList());

        assertThat(processed).isEqualTo(5);
        assertThat(saved(ok.id()).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(saved(optedOut.id()).status()).isEqualTo(NotificationStatus.SUPPRESSED);
        assertThat(saved(capped.id()).status()).isEqualTo(NotificationStatus.QUEUED);
        assertThat(saved(capped.id()).reason()).startsWith("frequency cap of 3 per 7 days");
        // c-two had 2 sends: the first of the page takes the last slot, the second waits for the cap
        assertThat(saved(lastSlot.id()).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(saved(overCap.id()).status()).isEqualTo(NotificationStatus.QUEUED);
        assertThat(saved(overCap.id()).nextAttemptAt()).isEqualTo(DAYTIME.minus(Duration.ofDays(2)).plus(Duration.ofDays(7)));

        verify(sms).send(any(SmsMessage.class), eq(ok.id()), any());
        verify(sms).send(any(SmsMessage.class), eq(lastSlot.id()), any());
        verify(sms, times(2)).send(any(SmsMessage.class), anyString(), any());
        // one read per kind, one bulk write per kind
        verify(queue, times(1)).claimAll(anyList(), any());
        verify(store, times(1)).findAllById(anyCollection());
        verify(locks, times(1)).tryLockAll(anyCollection(), anyString(), any(), any());
        verify(contacts, times(1)).findAll(anyCollection());
        verify(contacts, times(1)).currentOwnersOf(anyCollection());
        verify(recentSends, times(1)).ledgers(anyCollection());
        assertThat(saves).hasSize(1);
        ArgumentCaptor<Collection<RecentSends.Send>> noted = ArgumentCaptor.forClass(Collection.class);
        verify(recentSends, times(1)).recordAll(noted.capture(), anyMap());
        assertThat(noted.getValue()).extracting(RecentSends.Send::notificationId)
                .containsExactlyInAnyOrder(ok.id(), lastSlot.id());
        ArgumentCaptor<Map<String, Instant>> rescheduled = ArgumentCaptor.forClass(Map.class);
        ArgumentCaptor<Collection<String>> removed = ArgumentCaptor.forClass(Collection.class);
        verify(queue, times(1)).settle(rescheduled.capture(), removed.capture());
        assertThat(removed.getValue()).containsExactlyInAnyOrder(ok.id(), optedOut.id(), lastSlot.id());
        assertThat(rescheduled.getValue()).containsOnlyKeys(capped.id(), overCap.id());
        verify(locks, times(1)).unlockAll(eq(Set.of("c-ok", "c-out", "c-cap", "c-two")), anyString());
    }

    @Test
    @DisplayName("NOT-3 a customer another worker is dispatching to right now waits; the page's other customers go out")
    void customerLeasedElsewhereWaits() {
        Notification ok = reminder("c-ok", "VIN-OK");
        Notification busy = reminder("c-two", "VIN-TWO");
        when(locks.tryLockAll(anyCollection(), anyString(), any(), any())).thenReturn(new HashSet<>(List.of("c-ok")));

        dispatcher.dispatchPage(List.of(entry(ok), entry(busy)));

        assertThat(saved(ok.id()).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(saved(busy.id()).status()).isEqualTo(NotificationStatus.QUEUED);
        assertThat(saved(busy.id()).reason()).isEqualTo("another message to this customer is being sent");
        verify(sms, times(1)).send(any(SmsMessage.class), anyString(), any());
        verify(locks).unlockAll(eq(Set.of("c-ok")), anyString());
    }

    @Test
    @DisplayName("NOT-5 a page that crashed after the provider took its SMS, before the outcome was saved, is claimed "
            + "again after the lease and asks the provider with the same Idempotency-Key (the notification id), so the "
            + "provider does not send it twice")
    void crashBetweenSendAndSaveReusesTheIdempotencyKey() {
        Notification ok = reminder("c-ok", "VIN-OK");
        org.mockito.Mockito.doThrow(new IllegalStateException("crash before the save")).doAnswer(call -> {
            List<Notification> saved = List.copyOf(call.getArgument(0));
            saves.add(saved);
            return new AggregateStore.BulkUpdate(saved.stream().map(Notification::id).toList(), List.of());
        }).when(store).updateAll(anyList(), any());

        assertThatThrownBy(() -> dispatcher.dispatchPage(List.of(entry(ok)))).hasMessageContaining("crash");
        verify(locks).unlockAll(eq(Set.of("c-ok")), anyString());
        dispatcher.dispatchPage(List.of(entry(ok))); // the claim expired: the entry is claimed again, still QUEUED

        ArgumentCaptor<String> keys = ArgumentCaptor.forClass(String.class);
        verify(sms, times(2)).send(any(SmsMessage.class), keys.capture(), any());
        assertThat(keys.getAllValues()).containsExactly(ok.id(), ok.id());
        assertThat(saved(ok.id()).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(saved(ok.id()).providerMessageId()).isEqualTo("m-" + ok.id());
    }

}
