package org.dealerplatform.notification.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dealerplatform.notification.contact.ContactProfile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NOT-3: consent, channel choice, frequency cap and quiet hours as pure rules with explicit times. */
class DeliveryPolicyTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final DeliveryPolicy POLICY = new DeliveryPolicy(PolicySettings.defaults());

    static Instant shanghai(String dateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), SHANGHAI).toInstant();
    }

    static ContactProfile contact(Map<Channel, Boolean> consents, List<Channel> preferred) {
        return new ContactProfile("c-1", "JS-NJ-01", "王伟", "13812345678", "wang.wei@example.cn", "南京市鼓楼区中山路1号",
                "zh-CN", consents, preferred, Instant.parse("2026-01-01T00:00:00Z"), Map.of(), null);
    }

    static final ContactProfile ALL_CONSENTS = contact(Map.of(Channel.SMS, true, Channel.EMAIL, true,
            Channel.LETTER, true, Channel.PHONE, true), List.of());

    static Notification maintenance(Instant createdAt) {
        return Notification.request("maintenance-due:VIN:2027-11-20", "JS-NJ-01", "c-1", Purpose.MAINTENANCE_DUE,
                Map.of(), createdAt);
    }

    @Nested
    class Consent {

        @Test
        @DisplayName("NOT-3 without consent on any channel the notification is suppressed with the reason")
        void noConsentSuppresses() {
            Instant now = shanghai("2026-11-20T10:00");
            Decision decision = POLICY.decide(maintenance(now), contact(Map.of(Channel.SMS, false), List.of(Channel.SMS)), List.of(), now);
            assertThat(decision).isInstanceOf(Decision.Suppress.class);
            assertThat(((Decision.Suppress) decision).reason()).startsWith("no channel with consent");
        }

        @Test
        @DisplayName("NOT-3 the customer's preferred channel is used when consented")
        void preferredChannel() {
            Instant now = shanghai("2026-11-20T10:00");
            ContactProfile prefersEmail = contact(Map.of(Channel.SMS, true, Channel.EMAIL, true), List.of(Channel.EMAIL, Channel.SMS));
            assertThat(POLICY.decide(maintenance(now), prefersEmail, List.of(), now)).isEqualTo(new Decision.Send(Channel.EMAIL));
        }

        @Test
        @DisplayName("NOT-3 a preferred channel without consent falls back to the next consented one in default order")
        void fallbackWhenPreferredNotConsented() {
            Instant now = shanghai("2026-11-20T10:00");
            ContactProfile c = contact(Map.of(Channel.SMS, false, Channel.EMAIL, false, Channel.LETTER, true), List.of(Channel.SMS));
            assertThat(POLICY.decide(maintenance(now), c, List.of(), now)).isEqualTo(new Decision.Send(Channel.LETTER));
        }

        @Test
        @DisplayName("NOT-3 a channel without contact details (no e-mail address) is skipped")
        void channelWithoutAddressSkipped() {
            Instant now = shanghai("2026-11-20T10:00");
            ContactProfile noEmail = new ContactProfile("c-1", "JS-NJ-01", "王伟", "13812345678", null, null, "zh-CN",
                    Map.of(Channel.EMAIL, true, Channel.PHONE, true), List.of(Channel.EMAIL), null, Map.of(), null);
            assertThat(POLICY.decide(maintenance(now), noEmail, List.of(), now)).isEqualTo(new Decision.Send(Channel.PHONE));
        }

        @Test
        @DisplayName("NOT-3 NOT-7 an opt-out reply stops SMS at once, until customer-service publishes newer preferences")
        void optOutStopsSms() {
            Instant now = shanghai("2026-11-20T10:00");
            Instant optOut = now.minusSeconds(60);
            ContactProfile optedOut = new ContactProfile("c-1", "JS-NJ-01", "王伟", "13812345678", "w@example.cn", null,
                    "zh-CN", Map.of(Channel.SMS, true, Channel.EMAIL, true), List.of(Channel.SMS),
                    optOut.minusSeconds(3600), Map.of(Channel.SMS, optOut), null);
            assertThat(POLICY.decide(maintenance(now), optedOut, List.of(), now)).isEqualTo(new Decision.Send(Channel.EMAIL));

            ContactProfile consentedAgain = new ContactProfile("c-1", "JS-NJ-01", "王伟", "13812345678", "w@example.cn", null,
                    "zh-CN", Map.of(Channel.SMS, true, Channel.EMAIL, true), List.of(Channel.SMS),
                    optOut.plusSeconds(1), Map.of(Channel.SMS, optOut), null);
            assertThat(POLICY.decide(maintenance(now), consentedAgain, List.of(), now)).isEqualTo(new Decision.Send(Channel.SMS));
        }

        @Test
        @DisplayName("NOT-3 CUS-9 a reminder about a vehicle that now belongs to another customer is not sent to the former owner")
        void vehicleChangedHands() {
            Instant now = shanghai("2026-11-20T10:00");
            assertThat(POLICY.decide(maintenance(now), ALL_CONSENTS, List.of(), "c-2", now)).isInstanceOf(Decision.Suppress.class);
            assertThat(POLICY.decide(maintenance(now), ALL_CONSENTS, List.of(), "c-1", now)).isEqualTo(new Decision.Send(Channel.SMS));
            assertThat(POLICY.decide(maintenance(now), ALL_CONSENTS, List.of(), null, now)).isEqualTo(new Decision.Send(Channel.SMS));
        }

        @Test
        @DisplayName("NOT-3 a follow-up call only ever goes to the phone list")
        void followUpOnlyByPhone() {
            Instant now = shanghai("2026-11-20T10:00");
            Notification call = Notification.request("followup:1", "JS-NJ-01", "c-1", Purpose.FOLLOW_UP_CALL, Map.of(), now);
            ContactProfile smsOnly = contact(Map.of(Channel.SMS, true), List.of(Channel.SMS));
            assertThat(POLICY.decide(call, smsOnly, List.of(), now)).isInstanceOf(Decision.Suppress.class);
            assertThat(POLICY.decide(call, ALL_CONSENTS, List.of(), now)).isEqualTo(new Decision.Send(Channel.PHONE));
        }

        @Test
        @DisplayName("NOT-5 when every usable channel has failed the notification fails instead of waiting forever")
        void allChannelsFailed() {
            Instant now = shanghai("2026-11-20T10:00");
            Notification n = maintenance(now);
            ContactProfile smsOnly = contact(Map.of(Channel.SMS, true), List.of(Channel.SMS));
            n.failOver(Channel.SMS, "invalid number", now);
            assertThat(POLICY.decide(n, smsOnly, List.of(), now)).isInstanceOf(Decision.Fail.class);
        }

        @Test
        @DisplayName("NOT-3 an unknown customer (replica not yet arrived) is deferred, and suppressed after the maximum deferral")
        void unknownCustomer() {
            Instant created = shanghai("2026-11-20T10:00");
            assertThat(POLICY.decide(maintenance(created), null, List.of(), created))
                    .isEqualTo(new Decision.Defer(created.plus(Duration.ofMinutes(10)), "customer's contact details not yet known"));
            assertThat(POLICY.decide(maintenance(created), null, List.of(), created.plus(Duration.ofDays(31))))
                    .isInstanceOf(Decision.Suppress.class);
        }
    }

    @Nested
    class QuietHours {

        @ParameterizedTest(name = "{0} Shanghai time → {1}")
        @CsvSource({
                "2026-11-20T20:59, SEND, ",
                "2026-11-20T21:00, DEFER, 2026-11-21T08:00",
                "2026-11-20T23:30, DEFER, 2026-11-21T08:00",
                "2026-11-21T00:00, DEFER, 2026-11-21T08:00",
                "2026-11-21T07:59, DEFER, 2026-11-21T08:00",
                "2026-11-21T08:00, SEND, "})
        @DisplayName("NOT-3 no SMS from 21:00 to 08:00 in the customer's time zone: deferred to 08:00, not dropped")
        void smsQuietHours(String local, String expected, String deferredTo) {
            Instant now = shanghai(local);
            Decision decision = POLICY.decide(maintenance(now), contact(Map.of(Channel.SMS, true), List.of(Channel.SMS)), List.of(), now);
            if (expected.equals("SEND")) {
                assertThat(decision).isEqualTo(new Decision.Send(Channel.SMS));
            } else {
                assertThat(decision).isInstanceOf(Decision.Defer.class);
                assertThat(((Decision.Defer) decision).until()).isEqualTo(shanghai(deferredTo));
                assertThat(((Decision.Defer) decision).reason()).startsWith("quiet hours");
            }
        }

        @Test
        @DisplayName("NOT-3 quiet hours are the customer's: 22:00 in Shanghai is 14:00 in London, so a London customer gets the SMS")
        void customerTimeZone() {
            Instant now = shanghai("2026-11-20T22:00");
            ContactProfile london = new ContactProfile("c-1", "JS-NJ-01", "Emma", "13812345678", null, null, "en",
                    Map.of(Channel.SMS, true), List.of(Channel.SMS), null, Map.of(), ZoneId.of("Europe/London"));
            assertThat(POLICY.decide(maintenance(now), london, List.of(), now)).isEqualTo(new Decision.Send(Channel.SMS));
        }

        @Test
        @DisplayName("NOT-3 quiet hours do not hold back e-mail or letters")
        void emailNotQuiet() {
            Instant now = shanghai("2026-11-20T23:00");
            ContactProfile emailOnly = contact(Map.of(Channel.EMAIL, true), List.of(Channel.EMAIL));
            assertThat(POLICY.decide(maintenance(now), emailOnly, List.of(), now)).isEqualTo(new Decision.Send(Channel.EMAIL));
        }

        @Test
        @DisplayName("NOT-3 quiet hours are configurable, also within one day (12:00–14:00), and off when start equals end")
        void configurable() {
            PolicySettings d = PolicySettings.defaults();
            DeliveryPolicy lunch = new DeliveryPolicy(new PolicySettings(d.defaultZone(), LocalTime.NOON, LocalTime.of(14, 0),
                    Set.of(Channel.SMS), 3, d.capWindow(), d.maxDeferral(), d.unknownContactRetry()));
            assertThat(lunch.isQuiet(shanghai("2026-11-20T11:59"), SHANGHAI)).isFalse();
            assertThat(lunch.isQuiet(shanghai("2026-11-20T12:00"), SHANGHAI)).isTrue();
            assertThat(lunch.isQuiet(shanghai("2026-11-20T14:00"), SHANGHAI)).isFalse();
            assertThat(lunch.endOfQuietHours(shanghai("2026-11-20T13:00"), SHANGHAI)).isEqualTo(shanghai("2026-11-20T14:00"));
            DeliveryPolicy never = new DeliveryPolicy(new PolicySettings(d.defaultZone(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                    Set.of(Channel.SMS), 3, d.capWindow(), d.maxDeferral(), d.unknownContactRetry()));
            assertThat(never.isQuiet(shanghai("2026-11-20T03:00"), SHANGHAI)).isFalse();
        }
    }

    @Nested
    class FrequencyCap {

        final Instant now = shanghai("2026-11-20T10:00");
        final ContactProfile smsCustomer = contact(Map.of(Channel.SMS, true), List.of(Channel.SMS));

        @Test
        @DisplayName("NOT-3 two sends in the last 7 days: the third goes out")
        void belowCap() {
            List<Instant> sends = List.of(now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(2)));
            assertThat(POLICY.decide(maintenance(now), smsCustomer, sends, now)).isEqualTo(new Decision.Send(Channel.SMS));
        }

        @Test
        @DisplayName("NOT-3 three sends in the last 7 days (any channel): the fourth waits until the oldest leaves the window")
        void atCapDefers() {
            Instant oldest = now.minus(Duration.ofDays(6));
            List<Instant> sends = List.of(now.minus(Duration.ofHours(1)), oldest, now.minus(Duration.ofDays(3)));
            Decision decision = POLICY.decide(maintenance(now), smsCustomer, sends, now);
            assertThat(decision).isEqualTo(new Decision.Defer(oldest.plus(Duration.ofDays(7)), "frequency cap of 3 per 7 days reached"));
        }

        @Test
        @DisplayName("NOT-3 sends older than the window do not count")
        void oldSendsDoNotCount() {
            List<Instant> sends = List.of(now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(7)), now.minus(Duration.ofDays(1)),
                    now.minus(Duration.ofDays(2)));
            assertThat(POLICY.decide(maintenance(now), smsCustomer, sends, now)).isEqualTo(new Decision.Send(Channel.SMS));
        }

        @Test
        @DisplayName("NOT-3 over the cap beyond the maximum deferral: suppressed with the reason, not kept forever")
        void capBeyondMaxDeferralSuppresses() {
            Notification old = maintenance(now.minus(Duration.ofDays(29)));
            List<Instant> sends = List.of(now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(3)));
            Decision decision = POLICY.decide(old, smsCustomer, sends, now);
            assertThat(decision).isInstanceOf(Decision.Suppress.class);
            assertThat(((Decision.Suppress) decision).reason()).startsWith("frequency cap");
        }
    }
}
