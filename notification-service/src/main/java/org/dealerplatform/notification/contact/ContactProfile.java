package org.dealerplatform.notification.contact;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.dealerplatform.notification.outbound.Channel;

/**
 * What this service knows about how to reach a customer: contact details, language, consent per channel and
 * preferred channel order (replica of customer-service's data, NOT-3), plus opt-outs received by SMS reply that
 * customer-service has not confirmed yet (NOT-7: they stop sending at once).
 */
public record ContactProfile(String customerId, String branchId, String name, String mobile, String email,
        String address, String language, Map<Channel, Boolean> consents, List<Channel> preferredChannels,
        Instant preferencesChangedAt, Map<Channel, Instant> optOuts, ZoneId zone) {

    public ContactProfile {
        consents = consents == null ? Map.of() : Map.copyOf(consents);
        preferredChannels = preferredChannels == null ? List.of() : List.copyOf(preferredChannels);
        optOuts = optOuts == null ? Map.of() : Map.copyOf(optOuts);
        language = "en".equals(language) ? "en" : "zh-CN";
    }

    /**
     * True if the customer agreed to {@code channel} and has not opted out of it since. An opt-out reply counts until
     * customer-service publishes newer preferences (a later explicit re-consent wins).
     */
    public boolean consentsTo(Channel channel) {
        if (!Boolean.TRUE.equals(consents.get(channel))) {
            return false;
        }
        Instant optOut = optOuts.get(channel);
        return optOut == null || (preferencesChangedAt != null && preferencesChangedAt.isAfter(optOut));
    }

    /** Where a message on {@code channel} goes; {@code null} if the file has no such detail. */
    public String addressFor(Channel channel) {
        String value = switch (channel) {
            case SMS, PHONE -> mobile;
            case EMAIL -> email;
            case LETTER -> address;
        };
        return value == null || value.isBlank() ? null : value;
    }
}
