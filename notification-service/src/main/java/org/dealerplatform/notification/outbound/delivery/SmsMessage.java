package org.dealerplatform.notification.outbound.delivery;

import java.util.Map;

import org.dealerplatform.notification.outbound.Purpose;

/**
 * One SMS as the provider port takes it (ECO-1): the rendered {@code text} (what a free-text provider sends) and, for a
 * provider that only sends pre-approved templates, the {@code purpose} that picks the template code, the customer's
 * {@code language} and the template's {@code variables} in template order.
 */
public record SmsMessage(String to, String text, Purpose purpose, String language, Map<String, String> variables) {

    public SmsMessage {
        variables = variables == null ? Map.of() : variables;
    }

    /** A free-text message (tests, the generic provider). */
    public static SmsMessage text(String to, String text) {
        return new SmsMessage(to, text, null, "zh-CN", Map.of());
    }
}
