package org.dealerplatform.notification.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.dealerplatform.notification.outbound.web.WebhookSignature;
import org.dealerplatform.notification.optout.OptOutKeywords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NOT-5/NOT-7 webhook authentication and opt-out keywords. */
class WebhookSignatureTest {

    static final byte[] BODY = "{\"reference\":\"x\",\"status\":\"DELIVERED\"}".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");
    static final String TS = String.valueOf(NOW.getEpochSecond());

    @Test
    @DisplayName("NOT-5 a webhook signed with the shared secret is accepted; another secret, another body or an old timestamp is not")
    void signature() {
        String signature = WebhookSignature.sign("secret", TS, BODY);
        assertThat(WebhookSignature.verify("secret", TS, signature, BODY, NOW)).isTrue();
        assertThat(WebhookSignature.verify("other", TS, signature, BODY, NOW)).isFalse();
        assertThat(WebhookSignature.verify("secret", TS, signature, "{}".getBytes(StandardCharsets.UTF_8), NOW)).isFalse();
        assertThat(WebhookSignature.verify("secret", TS, signature, BODY, NOW.plusSeconds(301))).isFalse();
        assertThat(WebhookSignature.verify("secret", TS, signature, BODY, NOW.plusSeconds(299))).isTrue();
        assertThat(WebhookSignature.verify("", TS, signature, BODY, NOW)).isFalse();
        assertThat(WebhookSignature.verify("secret", "yesterday", signature, BODY, NOW)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TD", "td", " TD ", "STOP", "Stop!", "退订", "T", "unsubscribe"})
    @DisplayName("NOT-7 opt-out replies are recognised whatever the case and spacing")
    void optOutKeywords(String reply) {
        assertThat(OptOutKeywords.match(reply)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"好的", "thanks", "please stop by tomorrow", "TDX", ""})
    @DisplayName("NOT-7 other replies are not opt-outs")
    void notOptOuts(String reply) {
        assertThat(OptOutKeywords.match(reply)).isEmpty();
    }
}
