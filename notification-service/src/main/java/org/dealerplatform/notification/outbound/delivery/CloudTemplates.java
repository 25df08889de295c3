package org.dealerplatform.notification.outbound.delivery;

import java.util.Locale;
import java.util.Map;

import org.dealerplatform.notification.NotificationProperties;

/** What the cloud adapters share (ECO-1): their account settings, checked at start-up, and the template code lookup. */
final class CloudTemplates {

    private CloudTemplates() {
    }

    /**
     * The account of a cloud provider; without its keys, sign name (and Tencent's SDK app id) the service refuses to
     * start (no defaults outside local). A value still reading {@code ${...}} is an environment variable that was not
     * set (configuration properties keep unresolvable placeholders as text): it counts as missing, so is a template code
     * or callback secret left that way.
     */
    static NotificationProperties.Cloud account(NotificationProperties.Provider settings) {
        NotificationProperties.Cloud cloud = settings.cloud();
        if (cloud == null) {
            throw missing(settings, "cloud.access-key-id, cloud.access-key-secret, cloud.sign-name", null);
        }
        require(settings, "cloud.access-key-id", cloud.accessKeyId());
        require(settings, "cloud.access-key-secret", cloud.accessKeySecret());
        require(settings, "cloud.sign-name", cloud.signName());
        if (NotificationProperties.Provider.TENCENT.equals(settings.type())) {
            require(settings, "cloud.sdk-app-id", cloud.sdkAppId());
        }
        cloud.templates().forEach((purpose, code) -> {
            if (unresolved(code)) {
                throw missing(settings, "cloud.templates." + purpose, code);
            }
        });
        if (unresolved(cloud.callbackSecret())) {
            throw missing(settings, "cloud.callback-secret", cloud.callbackSecret());
        }
        if (!blank(cloud.callbackSecret()) && cloud.callbackSecret().strip().length() < 24) {
            throw new IllegalStateException("SMS provider " + settings.name()
                    + ": cloud.callback-secret must have at least 24 characters (it is the callbacks' only credential)");
        }
        return cloud;
    }

    private static void require(NotificationProperties.Provider settings, String key, String value) {
        if (blank(value) || unresolved(value)) {
            throw missing(settings, key, value);
        }
    }

    private static IllegalStateException missing(NotificationProperties.Provider settings, String key, String value) {
        return new IllegalStateException("SMS provider " + settings.name() + " (" + settings.type() + ") needs " + key
                + " from the environment" + (unresolved(value) ? ": " + value + " is not set" : ""));
    }

    static boolean unresolved(String value) {
        return value != null && value.contains("${");
    }

    /**
     * The approved template code for the message's purpose: {@code <purpose>-en} for an English-speaking customer if
     * configured, else {@code <purpose>} (e.g. {@code maintenance-due}); null if none.
     */
    static String templateCode(Map<String, String> templates, SmsMessage message) {
        if (message.purpose() == null) {
            return null;
        }
        String key = message.purpose().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String code = "en".equals(message.language()) ? templates.get(key + "-en") : null;
        code = code == null || code.isBlank() ? templates.get(key) : code;
        return code == null || code.isBlank() ? null : code.strip();
    }

    static String endpoint(String configured, String fallback) {
        String url = blank(configured) ? fallback : configured.strip();
        return url.endsWith("/") ? url : url + "/";
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
