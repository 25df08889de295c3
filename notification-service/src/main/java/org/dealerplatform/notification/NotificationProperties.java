package org.dealerplatform.notification;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.MessageTemplates;
import org.dealerplatform.notification.outbound.PolicySettings;
import org.dealerplatform.notification.outbound.RetrySchedule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything configurable in this service, under {@code dealer.notifications}. */
@ConfigurationProperties("dealer.notifications")
public record NotificationProperties(Policy policy, Retry retry, Dispatcher dispatcher, Sms sms, Email email,
        Letters letters, Map<String, BranchInfo> branches, Simulator simulator) {

    public NotificationProperties {
        policy = policy == null ? new Policy(null, null, null, null, 3, null, null, null) : policy;
        retry = retry == null ? new Retry(null, null, 8, null) : retry;
        dispatcher = dispatcher == null ? new Dispatcher(true, null, 2, null, null) : dispatcher;
        sms = sms == null ? new Sms(null, List.of()) : sms;
        email = email == null ? new Email(null) : email;
        letters = letters == null ? new Letters(null) : letters;
        branches = branches == null ? Map.of() : branches;
        simulator = simulator == null ? new Simulator(false, null, null, null) : simulator;
    }

    /** NOT-3 rules; see {@link PolicySettings}. */
    public record Policy(ZoneId defaultZone, LocalTime quietStart, LocalTime quietEnd, Set<Channel> quietChannels,
            @DefaultValue("3") int capMax, Duration capWindow, Duration maxDeferral, Duration unknownContactRetry) {
        public PolicySettings settings() {
            PolicySettings d = PolicySettings.defaults();
            return new PolicySettings(defaultZone == null ? d.defaultZone() : defaultZone,
                    quietStart == null ? d.quietStart() : quietStart, quietEnd == null ? d.quietEnd() : quietEnd,
                    quietChannels == null ? d.quietChannels() : quietChannels, capMax,
                    capWindow == null ? d.capWindow() : capWindow, maxDeferral == null ? d.maxDeferral() : maxDeferral,
                    unknownContactRetry == null ? d.unknownContactRetry() : unknownContactRetry);
        }
    }

    /**
     * NOT-5 back-off per channel; after {@code maxAttempts} failed attempts the next channel is tried.
     * {@code unavailableDelay}: how long to wait when every provider's circuit is open (not counted as an attempt:
     * the message is not at fault, and it must not be lost while a provider is down).
     */
    public record Retry(Duration initialBackoff, Duration maxBackoff, @DefaultValue("8") int maxAttempts,
            Duration unavailableDelay) {
        public RetrySchedule schedule() {
            return new RetrySchedule(initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff,
                    maxBackoff == null ? Duration.ofHours(1) : maxBackoff, maxAttempts);
        }

        public Duration unavailable() {
            return unavailableDelay == null ? Duration.ofSeconds(15) : unavailableDelay;
        }
    }

    /**
     * The dispatcher claiming due notifications: poll interval, worker threads, claim lease, and how many sends to the
     * providers run at once across all workers ({@code send-concurrency}, default: one per worker). Each page's
     * customers are sent to in parallel up to that number (a customer's own notifications one after the other); keep it
     * at most every provider's {@code max-concurrent}, or the bulkhead turns sends away as "unavailable".
     */
    public record Dispatcher(@DefaultValue("true") boolean enabled, Duration pollInterval, @DefaultValue("2") int workers,
            Duration lease, Integer sendConcurrency) {
        public int concurrentSends() {
            return Math.max(1, sendConcurrency == null ? workers : sendConcurrency);
        }

        public Duration poll() {
            return pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        }

        public Duration claimLease() {
            return lease == null ? Duration.ofMinutes(2) : lease;
        }
    }

    /** SMS providers in failover order, and the sender signature every SMS starts with. */
    public record Sms(String signature, List<Provider> providers) {
        public Sms {
            providers = providers == null ? List.of() : providers;
        }
    }

    /**
     * One SMS provider's HTTP API and its protection (NOT-5).
     *
     * @param baseUrl       the API: for {@code generic-http} the base of {@code POST <base-url>/messages}; for the cloud
     *                      types their endpoint (empty: the provider's public one)
     * @param webhookSecret shared secret of the HMAC-SHA256 signature on its receipt and reply webhooks (generic-http)
     * @param timeout       request timeout (also the slow-call threshold of the circuit breaker)
     * @param maxConcurrent bulkhead: concurrent calls allowed to this provider
     * @param type          {@code generic-http} (default; also the local simulator), {@code alibaba} (Alibaba Cloud
     *                      SMS, Dysmsapi SendSms) or {@code tencent} (Tencent Cloud SMS, SendSms 2021-01-11) (ECO-1)
     * @param cloud         credentials, sign name and template codes of a cloud type
     */
    public record Provider(String name, String baseUrl, String apiKey, String webhookSecret, Duration timeout,
            @DefaultValue("10") int maxConcurrent, @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int slidingWindow, @DefaultValue("5") int minimumCalls, Duration openFor, String type,
            Cloud cloud) {

        public static final String GENERIC_HTTP = "generic-http";
        public static final String ALIBABA = "alibaba";
        public static final String TENCENT = "tencent";

        public Provider {
            if (webhookSecret != null && webhookSecret.contains("${")) {
                // SEC-6: an unset variable stays as its own text, a value anyone who read the repo could sign with
                throw new IllegalArgumentException("SMS provider " + name + ": webhook-secret " + webhookSecret
                        + " is not set in the environment");
            }
            type = type == null || type.isBlank() ? GENERIC_HTTP : type.strip().toLowerCase(java.util.Locale.ROOT);
            if (!List.of(GENERIC_HTTP, ALIBABA, TENCENT).contains(type)) {
                throw new IllegalArgumentException("SMS provider " + name + ": unknown type " + type
                        + " (generic-http, alibaba or tencent)");
            }
        }

        /** A provider that sends only pre-approved templates (Alibaba, Tencent). */
        public boolean templated() {
            return !GENERIC_HTTP.equals(type);
        }
    }

    /**
     * A cloud SMS provider's account (ECO-1). Secrets come only from the environment; nothing here has a default outside
     * the {@code local} profile, and a cloud provider without its keys refuses to start.
     *
     * @param accessKeyId     Alibaba AccessKeyId / Tencent SecretId
     * @param accessKeySecret Alibaba AccessKeySecret / Tencent SecretKey
     * @param signName        the approved sign name (签名), shown as 【signName】 before every SMS
     * @param region          Alibaba RegionId (default cn-hangzhou) / Tencent region (default ap-guangzhou)
     * @param sdkAppId        Tencent SmsSdkAppId (unused by Alibaba)
     * @param templates       approved template code per purpose, keyed {@code maintenance-due}, {@code campaign-invitation}
     *                        (optionally {@code <purpose>-en} for English-speaking customers); a purpose without a code is
     *                        not sent through this provider
     * @param callbackSecret  the secret path segment of its delivery-receipt and reply callbacks (at least 24 characters;
     *                        empty: callbacks refused)
     */
    public record Cloud(String accessKeyId, String accessKeySecret, String signName, String region, String sdkAppId,
            Map<String, String> templates, String callbackSecret) {
        public Cloud {
            templates = templates == null ? Map.of() : Map.copyOf(templates);
        }
    }

    /** E-mail sender address (SMTP settings are Spring's {@code spring.mail.*}). */
    public record Email(String from) {
        public String sender() {
            return from == null ? "reminders@dealer.example" : from;
        }
    }

    /** Letters: a TrueType font file for PDFs; empty: a known CJK font of the host (ECO-2, {@code LetterFont}). */
    public record Letters(String font) {
    }

    /** A branch as reminders and letters name it. */
    public record BranchInfo(String name, String address, String phone) {
        public MessageTemplates.Branch toBranch() {
            return new MessageTemplates.Branch(name, address, phone);
        }
    }

    /** The provider simulator of the local runtime (never in production). */
    public record Simulator(@DefaultValue("false") boolean enabled, Duration receiptDelay, String webhookBaseUrl,
            String failNumbersEndingWith) {
    }

    /** The branch's display data, or a neutral stand-in so a reminder never fails for a missing entry. */
    public MessageTemplates.Branch branch(String branchId) {
        BranchInfo info = branches.get(branchId);
        return info == null ? new MessageTemplates.Branch(branchId, "", "") : info.toBranch();
    }
}
