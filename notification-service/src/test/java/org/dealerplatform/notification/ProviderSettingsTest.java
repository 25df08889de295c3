package org.dealerplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SEC-6: a provider's webhook secret must come from the environment; an unset variable is refused at start-up. */
class ProviderSettingsTest {

    static NotificationProperties.Provider provider(String webhookSecret) {
        return new NotificationProperties.Provider("sms-primary", "http://provider.test", null, webhookSecret,
                Duration.ofSeconds(3), 10, 50, 10, 5, Duration.ofSeconds(30), null, null);
    }

    @Test
    @DisplayName("SEC-6 a webhook secret left as an unset ${VARIABLE} (the docker profile without its .env) stops start-up instead of becoming a public HMAC key")
    void unsetSecretIsRefused() {
        assertThatThrownBy(() -> provider("${DEALER_SMS_PRIMARY_WEBHOOK_SECRET}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DEALER_SMS_PRIMARY_WEBHOOK_SECRET").hasMessageContaining("not set");
        assertThat(provider("a-secret-from-the-environment-0123456789").webhookSecret())
                .isEqualTo("a-secret-from-the-environment-0123456789");
        assertThat(provider(null).webhookSecret()).isNull(); // no secret: every webhook is refused (401)
    }
}
