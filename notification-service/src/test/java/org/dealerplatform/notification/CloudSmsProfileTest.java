package org.dealerplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dealerplatform.notification.outbound.delivery.SmsProviders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/** The {@code cloud-sms} profile (ECO-1): every secret from the environment, none with a default. */
class CloudSmsProfileTest {

    static final Map<String, Object> ENVIRONMENT = Map.ofEntries(
            Map.entry("DEALER_SMS_ALIYUN_ACCESS_KEY_ID", "LTAI-from-env"),
            Map.entry("DEALER_SMS_ALIYUN_ACCESS_KEY_SECRET", "secret-from-env"),
            Map.entry("DEALER_SMS_ALIYUN_SIGN_NAME", "经销商"),
            Map.entry("DEALER_SMS_ALIYUN_TEMPLATE_MAINTENANCE_DUE", "SMS_100"),
            Map.entry("DEALER_SMS_ALIYUN_TEMPLATE_CAMPAIGN_INVITATION", "SMS_200"),
            Map.entry("DEALER_SMS_ALIYUN_CALLBACK_SECRET", "aliyun-callback-secret-from-env-000"),
            Map.entry("DEALER_SMS_TENCENT_SECRET_ID", "AKID-from-env"),
            Map.entry("DEALER_SMS_TENCENT_SECRET_KEY", "key-from-env"),
            Map.entry("DEALER_SMS_TENCENT_SIGN_NAME", "经销商"),
            Map.entry("DEALER_SMS_TENCENT_SDK_APP_ID", "1400000001"),
            Map.entry("DEALER_SMS_TENCENT_TEMPLATE_MAINTENANCE_DUE", "100001"),
            Map.entry("DEALER_SMS_TENCENT_TEMPLATE_CAMPAIGN_INVITATION", "100002"),
            Map.entry("DEALER_SMS_TENCENT_CALLBACK_SECRET", "tencent-callback-secret-from-env-00"));

    static NotificationProperties bind(Map<String, Object> environment) throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("cloud-sms",
                new ClassPathResource("application-cloud-sms.yml"))) {
            env.getPropertySources().addLast(source);
        }
        env.getPropertySources().addFirst(new MapPropertySource("environment", new HashMap<>(environment)));
        return Binder.get(env).bind("dealer.notifications", NotificationProperties.class).get();
    }

    @Test
    @DisplayName("ECO-1 the cloud-sms profile configures Alibaba first and Tencent as failover, keys, sign names, template codes and callback secrets from the environment")
    void bindsFromEnvironment() throws IOException {
        NotificationProperties properties = bind(ENVIRONMENT);
        List<NotificationProperties.Provider> providers = properties.sms().providers();
        assertThat(providers).extracting(NotificationProperties.Provider::name).containsExactly("sms-aliyun", "sms-tencent");
        assertThat(providers).extracting(NotificationProperties.Provider::type).containsExactly("alibaba", "tencent");
        assertThat(providers.get(0).cloud().accessKeySecret()).isEqualTo("secret-from-env");
        assertThat(providers.get(0).cloud().templates()).containsEntry("maintenance-due", "SMS_100")
                .containsEntry("campaign-invitation", "SMS_200");
        assertThat(providers.get(1).cloud().sdkAppId()).isEqualTo("1400000001");
        assertThat(new SmsProviders(properties, JsonMapper.builder().build(), new SimpleMeterRegistry()).names())
                .containsExactly("sms-aliyun", "sms-tencent");
    }

    @Test
    @DisplayName("ECO-1 without a secret in the environment the cloud-sms profile does not start: no defaults")
    void noDefaults() {
        for (String missing : List.of("DEALER_SMS_ALIYUN_ACCESS_KEY_SECRET", "DEALER_SMS_TENCENT_SECRET_KEY",
                "DEALER_SMS_ALIYUN_CALLBACK_SECRET")) {
            Map<String, Object> environment = new HashMap<>(ENVIRONMENT);
            environment.remove(missing);
            // configuration properties keep an unset ${VARIABLE} as text: the providers refuse it at start-up
            assertThatThrownBy(() -> new SmsProviders(bind(environment), JsonMapper.builder().build(),
                    new SimpleMeterRegistry())).as(missing).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(missing).hasMessageContaining("is not set");
        }
    }
}
