package org.dealerplatform.notification.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.dealerplatform.notification.outbound.web.WebhookSignature;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Signed provider webhook requests, as a provider would send them. */
public final class Webhooks {

    public static final String PRIMARY_SECRET = "test-webhook-secret-primary";

    private Webhooks() {
    }

    public static MockHttpServletRequestBuilder signed(String path, String secret, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return post(path).contentType(MediaType.APPLICATION_JSON).content(body)
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body));
    }

    public static MockHttpServletRequestBuilder receipt(String reference, String status) {
        return signed("/api/notifications/webhooks/sms/sms-primary/receipts", PRIMARY_SECRET, """
                {"messageId":"m-1","reference":"%s","status":"%s","at":"%s"}""".formatted(reference, status, Instant.now()));
    }

    public static MockHttpServletRequestBuilder reply(String from, String text) {
        return signed("/api/notifications/webhooks/sms/sms-primary/replies", PRIMARY_SECRET, """
                {"from":"%s","text":"%s","receivedAt":"%s"}""".formatted(from, text, Instant.now()));
    }

    /** An inbound reply without the provider's receive time, as some providers send it. */
    public static MockHttpServletRequestBuilder untimedReply(String from, String text) {
        return signed("/api/notifications/webhooks/sms/sms-primary/replies", PRIMARY_SECRET, """
                {"from":"%s","text":"%s"}""".formatted(from, text));
    }
}
