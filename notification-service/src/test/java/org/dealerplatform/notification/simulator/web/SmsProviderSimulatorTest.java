package org.dealerplatform.notification.simulator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpServer;
import org.dealerplatform.notification.NotificationProperties;
import org.dealerplatform.notification.outbound.web.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The local runtime's provider simulator accepts messages and posts signed receipts back to the webhook (NOT-5). */
class SmsProviderSimulatorTest {

    record Captured(String path, String timestamp, String signature, byte[] body) {
    }

    HttpServer webhook;
    final ConcurrentLinkedQueue<Captured> captured = new ConcurrentLinkedQueue<>();
    SmsProviderSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress("localhost", 0), 10);
        webhook.createContext("/", exchange -> {
            try (exchange) {
                captured.add(new Captured(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                        exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
                        exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        webhook.start();
        NotificationProperties properties = new NotificationProperties(null, null, null,
                new NotificationProperties.Sms("测试", List.of(new NotificationProperties.Provider("sms-primary",
                        "http://unused", null, "secret", null, 10, 50, 10, 5, null, null, null))),
                null, null, Map.of(), new NotificationProperties.Simulator(true, Duration.ofMillis(50),
                        "http://localhost:" + webhook.getAddress().getPort(), "0000"));
        simulator = new SmsProviderSimulator(properties, JsonMapper.builder().build(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        simulator.destroy();
        webhook.stop(0);
    }

    @Test
    @DisplayName("NOT-5 the simulator accepts an SMS and posts a signed DELIVERED receipt; numbers ending 0000 bounce")
    void receipts() {
        simulator.accept("sms-primary", new SmsProviderSimulator.Submit("13812345678", "text", "ref-1"));
        simulator.accept("sms-primary", new SmsProviderSimulator.Submit("13812340000", "text", "ref-2"));
        await().atMost(Duration.ofSeconds(5)).until(() -> captured.size() == 2);
        for (Captured receipt : captured) {
            assertThat(receipt.path()).isEqualTo("/api/notifications/webhooks/sms/sms-primary/receipts");
            assertThat(WebhookSignature.verify("secret", receipt.timestamp(), receipt.signature(), receipt.body(),
                    java.time.Instant.now())).isTrue();
        }
        assertThat(captured).extracting(c -> new String(c.body())).anySatisfy(b -> assertThat(b).contains("ref-1", "DELIVERED"))
                .anySatisfy(b -> assertThat(b).contains("ref-2", "UNDELIVERABLE"));
        assertThat(simulator.recent("sms-primary")).hasSize(2);
    }
}
