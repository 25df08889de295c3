package org.dealerplatform.notification.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the SMS provider stub and a GreenMail SMTP server once per test JVM and tells the (single, cached) test
 * context where they are, before the context binds its configuration.
 */
public class TestProviders implements EnvironmentPostProcessor {

    private static SmsProviderStub sms;
    private static GreenMail mail;

    public static synchronized SmsProviderStub sms() {
        if (sms == null) {
            try {
                sms = new SmsProviderStub();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sms;
    }

    public static synchronized GreenMail mail() {
        if (mail == null) {
            mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            mail.start();
        }
        return mail;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addFirst(new MapPropertySource("test-providers", Map.of(
                "test.sms.primary-url", sms().url("sms-primary"),
                "test.sms.secondary-url", sms().url("sms-secondary"),
                "test.mail.port", String.valueOf(mail().getSmtp().getPort()))));
    }
}
