package org.dealerplatform.notification.notification.delivery;

import java.util.Locale;
import java.util.Map;

import org.dealerplatform.notification.NotificationProperties;

/** What the cloud adapters share (ECO-1): their account settings, checked at start-up, and the template code lookup. */
final class CloudTemplates {

    private CloudTemplates() {
    }

    /** The account of a cloud provider; without its keys the service refuses to start (no defaults outside local). */
    static NotificationProperties.Cloud account(NotificationProperties.Provider settings) {
        NotificationProperties.Cloud cloud = settings.cloud();
        if (cloud == null || blank(cloud.accessKeyId()) || blank(cloud.accessKeySecret()) || blank(cloud.signName())) {
            throw new IllegalStateException("SMS provider " + settings.name() + " (" + settings.type()
                    + ") needs cloud.access-key-id, cloud.access-key-secret and cloud.sign-name from the environment");
        }
        if (!blank(cloud.callbackSecret()) && cloud.callbackSecret().strip().length() < 24) {
            throw new IllegalStateException("SMS provider " + settings.name()
                    + ": cloud.callback-secret must have at least 24 characters (it is the callbacks' only credential)");
        }
        return cloud;
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
