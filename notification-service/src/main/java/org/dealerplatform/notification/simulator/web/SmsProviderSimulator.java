package org.dealerplatform.notification.simulator.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.swagger.v3.oas.annotations.Hidden;
import org.dealerplatform.notification.NotificationProperties;
import org.dealerplatform.notification.outbound.web.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays an SMS provider for the local runtime: accepts messages like a real provider's API and, after a delay, posts a
 * signed delivery receipt back to this service's webhook (numbers ending with the configured digits bounce).
 * Only exists with {@code dealer.notifications.simulator.enabled=true} (application-local.yml).
 */
@Hidden
@RestController
@RequestMapping("/simulator/sms/{provider}")
@ConditionalOnProperty(name = "dealer.notifications.simulator.enabled", havingValue = "true")
public class SmsProviderSimulator implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SmsProviderSimulator.class);
    private static final int KEPT_MESSAGES = 500;

    /** What the simulated provider received. */
    public record Received(String provider, String messageId, String to, String text, String reference) {
    }

    /** A message as providers' APIs take it. */
    public record Submit(String to, String text, String reference) {
    }

    private final NotificationProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService receipts = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();

    public SmsProviderSimulator(NotificationProperties properties, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, String> accept(@PathVariable String provider, @RequestBody Submit message) {
        String messageId = "sim-" + UUID.randomUUID();
        received.addFirst(new Received(provider, messageId, message.to(), message.text(), message.reference()));
        while (received.size() > KEPT_MESSAGES) {
            received.pollLast();
        }
        String failSuffix = properties.simulator().failNumbersEndingWith();
        boolean bounce = failSuffix != null && !failSuffix.isBlank() && message.to() != null && message.to().endsWith(failSuffix);
        Duration delay = properties.simulator().receiptDelay() == null ? Duration.ofSeconds(2) : properties.simulator().receiptDelay();
        receipts.schedule(() -> postReceipt(provider, messageId, message.reference(), bounce, 1), delay.toMillis(),
                TimeUnit.MILLISECONDS);
        return Map.of("messageId", messageId);
    }

    @GetMapping("/messages")
    public List<Received> recent(@PathVariable String provider) {
        return received.stream().filter(r -> r.provider().equals(provider)).limit(100).toList();
    }

    private void postReceipt(String provider, String messageId, String reference, boolean bounce, int attempt) {
        String secret = properties.sms().providers().stream().filter(p -> p.name().equals(provider)).findFirst()
                .map(NotificationProperties.Provider::webhookSecret).orElse(null);
        if (secret == null) {
            log.warn("simulator: no provider {} configured, receipt dropped", provider);
            return;
        }
        byte[] body = json.writeValueAsString(Map.of("messageId", messageId, "reference", reference,
                "status", bounce ? "UNDELIVERABLE" : "DELIVERED", "error", bounce ? "simulated: number not in service" : "",
                "at", clock.instant().toString())).getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        String base = properties.simulator().webhookBaseUrl() == null ? "http://localhost:8084" : properties.simulator().webhookBaseUrl();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/notifications/webhooks/sms/" + provider + "/receipts"))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 300 && attempt < 5) {
                receipts.schedule(() -> postReceipt(provider, messageId, reference, bounce, attempt + 1), attempt, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (attempt < 5) {
                receipts.schedule(() -> postReceipt(provider, messageId, reference, bounce, attempt + 1), attempt, TimeUnit.SECONDS);
            } else {
                log.warn("simulator: receipt for {} not delivered: {}", reference, e.toString());
            }
        }
    }

    @Override
    public void destroy() {
        receipts.shutdownNow();
    }
}
