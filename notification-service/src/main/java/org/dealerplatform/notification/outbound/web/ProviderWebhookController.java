package org.dealerplatform.notification.outbound.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dealerplatform.notification.NotificationProperties;
import org.dealerplatform.notification.outbound.delivery.DeliveryReceipts;
import org.dealerplatform.notification.optout.replies.OptOutReplies;
import org.dealerplatform.platform.web.BodyText;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks of the SMS providers (NOT-5, NOT-7). Public paths (no JWT): each request must carry the provider's
 * HMAC-SHA256 signature ({@link WebhookSignature}); anything else is refused with 401.
 */
@RestController
@RequestMapping("/api/notifications/webhooks/sms/{provider}")
@Tag(name = "Provider webhooks", description = "Delivery receipts and inbound replies, HMAC-signed (NOT-5, NOT-7)")
public class ProviderWebhookController {

    private final NotificationProperties properties;
    private final DeliveryReceipts receipts;
    private final OptOutReplies optOuts;
    private final JsonMapper json;
    private final Clock clock;

    public ProviderWebhookController(NotificationProperties properties, DeliveryReceipts receipts, OptOutReplies optOuts,
            JsonMapper json, Clock clock) {
        this.properties = properties;
        this.receipts = receipts;
        this.optOuts = optOuts;
        this.json = json.rebuild().addModule(BodyText.module()).build(); // SEC-8: no control characters in text
        this.clock = clock;
    }

    /** A delivery receipt: {@code reference} is the notification id we sent, {@code status} the provider's outcome. */
    public record Receipt(String messageId, String reference, DeliveryReceipts.Outcome status, String error, Instant at) {
    }

    /** An inbound SMS from a customer. */
    public record Reply(String from, String text, Instant receivedAt) {
    }

    @PostMapping("/receipts")
    @Operation(summary = "Delivery receipt of an SMS (NOT-5): DELIVERED, UNDELIVERABLE (→ BOUNCED) or FAILED",
            description = "Signed: X-Timestamp (epoch seconds) and X-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + '.' + body)). "
                    + "Example body: {\"messageId\":\"sim-1\",\"reference\":\"maintenance-due:VIN:2027-11-20\",\"status\":\"DELIVERED\",\"at\":\"2026-11-20T02:15:30Z\"}")
    public Map<String, Object> receipt(@PathVariable String provider, @RequestBody byte[] body,
            @Parameter(hidden = true) @RequestHeader(value = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @Parameter(hidden = true) @RequestHeader(value = WebhookSignature.SIGNATURE_HEADER, required = false) String signature) {
        authenticate(provider, body, timestamp, signature);
        Receipt receipt = read(body, Receipt.class);
        if (receipt.status() == null || (receipt.reference() == null && receipt.messageId() == null)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a receipt needs status and reference or messageId");
        }
        boolean changed = receipts.apply(provider, receipt.reference(), receipt.messageId(), receipt.status(),
                receipt.error(), receipt.at() == null ? clock.instant() : receipt.at());
        return Map.of("applied", changed);
    }

    @PostMapping("/replies")
    @Operation(summary = "Inbound SMS reply (NOT-7): TD / STOP / 退订 stop SMS at once and publish OptOutReceived",
            description = "Signed like receipts. Example body: {\"from\":\"13812345678\",\"text\":\"TD\",\"receivedAt\":\"2026-11-20T02:15:30Z\"}")
    public Map<String, Object> reply(@PathVariable String provider, @RequestBody byte[] body,
            @Parameter(hidden = true) @RequestHeader(value = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @Parameter(hidden = true) @RequestHeader(value = WebhookSignature.SIGNATURE_HEADER, required = false) String signature) {
        authenticate(provider, body, timestamp, signature);
        Reply reply = read(body, Reply.class);
        if (reply.from() == null || reply.text() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a reply needs from and text");
        }
        List<String> optedOut = optOuts.handle(provider, reply.from(), reply.text(), reply.receivedAt());
        return Map.of("optedOutCustomers", optedOut.size());
    }

    private void authenticate(String provider, byte[] body, String timestamp, String signature) {
        NotificationProperties.Provider settings = properties.sms().providers().stream()
                .filter(p -> p.name().equals(provider)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no SMS provider " + provider));
        if (!WebhookSignature.verify(settings.webhookSecret(), timestamp, signature, body, clock.instant())) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "missing, stale or wrong webhook signature");
        }
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (BodyText.ControlCharacterException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A text of the request body "
                    + e.fieldMessage());
        } catch (JacksonException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this request");
        }
    }
}
