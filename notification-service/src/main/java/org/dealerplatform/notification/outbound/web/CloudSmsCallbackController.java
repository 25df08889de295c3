package org.dealerplatform.notification.outbound.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dealerplatform.notification.NotificationProperties;
import org.dealerplatform.notification.outbound.delivery.DeliveryReceipts;
import org.dealerplatform.notification.optout.replies.OptOutReplies;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.BodyText;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery-receipt and reply (upstream SMS) pushes of the cloud SMS providers, in their own formats (ECO-1, NOT-5,
 * NOT-7). Alibaba Cloud and Tencent Cloud do not sign these pushes, so each provider's callback URL carries a secret
 * path segment ({@code cloud.callback-secret}, at least 24 characters), compared in constant time; a wrong or missing
 * secret, a provider that is not a cloud type, or one without a secret is answered 404. They feed the same
 * {@link DeliveryReceipts} and {@link OptOutReplies} as the generic, HMAC-signed webhooks
 * ({@link ProviderWebhookController}). Bodies are bounded at 64 KiB ({@code dealer.web.body-limits}) and
 * {@value #MAX_ITEMS} items.
 */
@RestController
@RequestMapping("/api/notifications/webhooks/sms/{provider}/callbacks/{secret}")
@Tag(name = "Provider webhooks", description = "Delivery receipts and inbound replies, HMAC-signed (NOT-5, NOT-7)")
public class CloudSmsCallbackController {

    /** Most reports or replies one push may carry. */
    public static final int MAX_ITEMS = 1000;
    /** Shortest callback secret accepted: shorter ones are refused like a wrong one. */
    public static final int MIN_SECRET_LENGTH = 24;
    /** The providers write their push times in Beijing time (UTC+8, no daylight saving), whatever the business zone. */
    private static final ZoneId PROVIDER_ZONE = java.time.ZoneOffset.ofHours(8);
    private static final DateTimeFormatter PROVIDER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final NotificationProperties properties;
    private final DeliveryReceipts receipts;
    private final OptOutReplies optOuts;
    private final JsonMapper json;
    private final Clock clock;

    public CloudSmsCallbackController(NotificationProperties properties, DeliveryReceipts receipts, OptOutReplies optOuts,
            JsonMapper json, Clock clock) {
        this.properties = properties;
        this.receipts = receipts;
        this.optOuts = optOuts;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/receipts")
    @Operation(summary = "Delivery reports of a cloud SMS provider (ECO-1, NOT-5): Alibaba SmsReport or Tencent status callback",
            description = "Authenticated by the secret path segment (the providers do not sign these pushes). "
                    + "Alibaba (type alibaba), a JSON array: [{\"phone_number\":\"13812345678\",\"send_time\":\"2026-11-20 10:15:30\","
                    + "\"report_time\":\"2026-11-20 10:15:33\",\"success\":true,\"err_code\":\"DELIVERED\",\"err_msg\":\"用户接收成功\","
                    + "\"sms_size\":\"1\",\"biz_id\":\"900619746936498440^0\",\"out_id\":\"maintenance-due:VIN:2027-11-20\"}] "
                    + "(out_id = the notification id we sent), answered {\"code\":0,\"msg\":\"成功\"}. "
                    + "Tencent (type tencent), a JSON array: [{\"user_receive_time\":\"2026-11-20 10:15:33\",\"nationcode\":\"86\","
                    + "\"mobile\":\"13812345678\",\"report_status\":\"SUCCESS\",\"errmsg\":\"DELIVRD\",\"description\":\"用户短信送达成功\","
                    + "\"sid\":\"5000:1045710669157053657849499619\"}] (sid = the SerialNo SendSms answered), answered "
                    + "{\"result\":0,\"errmsg\":\"OK\"}. success=false / report_status=FAIL → FAILED with the provider's code. "
                    + "A report of a message we do not know is skipped (counted in 'unknown'); one not yet recorded as sent is "
                    + "answered 409 so that the provider pushes it again. Repeated reports are no-ops.")
    public Map<String, Object> receipts(@PathVariable @Parameter(schema = @Schema(maxLength = 64)) String provider,
            @PathVariable @Parameter(description = "the provider's callback secret", schema = @Schema(maxLength = 256)) String secret,
            @RequestBody byte[] body) {
        NotificationProperties.Provider settings = authenticate(provider, secret);
        int applied = 0;
        int unknown = 0;
        for (JsonNode item : items(body)) {
            Report report = NotificationProperties.Provider.ALIBABA.equals(settings.type()) ? alibabaReport(item)
                    : tencentReport(item);
            try {
                if (receipts.apply(provider, report.reference(), report.messageId(), report.outcome(), report.error(),
                        report.at())) {
                    applied++;
                }
            } catch (NotFoundException notOurs) {
                unknown++;
            }
        }
        return ack(settings, Map.of("applied", applied, "unknown", unknown));
    }

    @PostMapping("/replies")
    @Operation(summary = "Inbound SMS (upstream) of a cloud SMS provider (ECO-1, NOT-7): TD / STOP / 退订 stop SMS at once",
            description = "Authenticated by the secret path segment. Alibaba (SmsUp), a JSON array: "
                    + "[{\"phone_number\":\"13812345678\",\"send_time\":\"2026-11-20 10:20:00\",\"content\":\"TD\","
                    + "\"sign_name\":\"经销商\",\"dest_code\":\"1234\",\"sequence_id\":1234567890}], answered {\"code\":0,\"msg\":\"成功\"}. "
                    + "Tencent, one object (or an array of them): {\"extend\":\"\",\"mobile\":\"13812345678\",\"nationcode\":\"86\","
                    + "\"sign\":\"经销商\",\"text\":\"TD\",\"time\":1763605200}, answered {\"result\":0,\"errmsg\":\"OK\"}. "
                    + "Replies that are no opt-out keyword change nothing.")
    public Map<String, Object> replies(@PathVariable @Parameter(schema = @Schema(maxLength = 64)) String provider,
            @PathVariable @Parameter(description = "the provider's callback secret", schema = @Schema(maxLength = 256)) String secret,
            @RequestBody byte[] body) {
        NotificationProperties.Provider settings = authenticate(provider, secret);
        int optedOut = 0;
        for (JsonNode item : items(body)) {
            String from;
            String text;
            Instant at;
            if (NotificationProperties.Provider.ALIBABA.equals(settings.type())) {
                from = text(item, "phone_number");
                text = text(item, "content");
                at = timeOrNull(text(item, "send_time"));
            } else {
                String mobile = text(item, "mobile");
                String nation = text(item, "nationcode");
                from = mobile == null ? null : (nation == null || nation.isBlank() ? "" : "+" + nation) + mobile;
                text = text(item, "text");
                at = item.path("time").canConvertToLong() ? Instant.ofEpochSecond(item.path("time").asLong()) : null;
            }
            if (from == null || text == null) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a reply needs the sender's number and its text");
            }
            optedOut += optOuts.handle(provider, from, text, at).size();
        }
        return ack(settings, Map.of("optedOutCustomers", optedOut));
    }

    /** One delivery report in the port's terms. */
    record Report(String reference, String messageId, DeliveryReceipts.Outcome outcome, String error, Instant at) {
    }

    private Report alibabaReport(JsonNode item) {
        String reference = blankToNull(text(item, "out_id"));
        String messageId = blankToNull(text(item, "biz_id"));
        if ((reference == null && messageId == null) || !item.path("success").isBoolean()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "an Alibaba report needs success and out_id or biz_id");
        }
        boolean success = item.path("success").asBoolean();
        return new Report(reference, messageId, success ? DeliveryReceipts.Outcome.DELIVERED : DeliveryReceipts.Outcome.FAILED,
                success ? null : (text(item, "err_code") + " " + nullToEmpty(text(item, "err_msg"))).strip(),
                time(text(item, "report_time")));
    }

    private Report tencentReport(JsonNode item) {
        String messageId = blankToNull(text(item, "sid"));
        String status = text(item, "report_status");
        if (messageId == null || status == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a Tencent report needs sid and report_status");
        }
        boolean success = "SUCCESS".equalsIgnoreCase(status);
        return new Report(null, messageId, success ? DeliveryReceipts.Outcome.DELIVERED : DeliveryReceipts.Outcome.FAILED,
                success ? null : (nullToEmpty(text(item, "errmsg")) + " " + nullToEmpty(text(item, "description"))).strip(),
                time(text(item, "user_receive_time")));
    }

    /** The provider, if {@code secret} is its callback secret (constant-time); otherwise 404, saying nothing more. */
    private NotificationProperties.Provider authenticate(String provider, String secret) {
        NotificationProperties.Provider settings = properties.sms().providers().stream()
                .filter(p -> p.name().equals(provider)).findFirst().orElse(null);
        String expected = settings == null || !settings.templated() || settings.cloud() == null ? null
                : settings.cloud().callbackSecret();
        boolean configured = expected != null && expected.strip().length() >= MIN_SECRET_LENGTH;
        // compare digests, so that neither the length nor a prefix of the secret shows in the time taken
        boolean matches = MessageDigest.isEqual(sha256(configured ? expected.strip() : "\u0000unset"),
                sha256(secret == null ? "" : secret));
        if (!configured || !matches) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such callback");
        }
        return settings;
    }

    private List<JsonNode> items(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this request");
        }
        List<JsonNode> items = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(items::add);
        } else if (root != null && root.isObject()) {
            items.add(root);
        } else {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The body must be a JSON object or array");
        }
        if (items.size() > MAX_ITEMS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "At most " + MAX_ITEMS + " items per push");
        }
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Each item must be a JSON object");
            }
        }
        return items;
    }

    private static Map<String, Object> ack(NotificationProperties.Provider settings, Map<String, Object> counts) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (NotificationProperties.Provider.ALIBABA.equals(settings.type())) {
            answer.put("code", 0);
            answer.put("msg", "成功");
        } else {
            answer.put("result", 0);
            answer.put("errmsg", "OK");
        }
        answer.putAll(counts);
        return answer;
    }

    /** The providers' local time ({@code yyyy-MM-dd HH:mm:ss}, Beijing time); now if absent or unreadable. */
    private Instant time(String text) {
        Instant at = timeOrNull(text);
        return at == null ? clock.instant() : at;
    }

    /** The provider's time, or null when it sent none or none that parses. */
    private static Instant timeOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), PROVIDER_TIME).atZone(PROVIDER_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A field's text; SEC-8: a control character other than TAB, CR and LF is refused (400), as in any request body. */
    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        String text = value == null || value.isNull() || value.isContainer() ? null : value.asString();
        int forbidden = BodyText.firstForbidden(text);
        if (forbidden >= 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "%s must not contain control characters (found U+%04X)"
                    .formatted(field, (int) text.charAt(forbidden)));
        }
        return text;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
