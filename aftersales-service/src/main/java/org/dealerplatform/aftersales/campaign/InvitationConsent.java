package org.dealerplatform.aftersales.campaign;

import java.util.List;
import java.util.Map;

/**
 * Whether a customer may be invited to a campaign (AFT-4, CUS-5): an invitation goes by SMS, e-mail or letter (the
 * channels notification-service uses for campaign invitations), so a customer who consents to none of them is left
 * out of the audience and counted.
 *
 * <p>When the replica knows no consents for the customer yet, the customer stays in: notification-service still checks
 * consent before anything is sent (and a suppressed invitation gives its slot back, AFT-8).
 */
public final class InvitationConsent {

    /** The channels a campaign invitation may be sent by. */
    public static final List<String> CHANNELS = List.of("SMS", "EMAIL", "LETTER");

    private InvitationConsent() {
    }

    /** True unless the known consents refuse every invitation channel. */
    public static boolean allows(Map<String, Boolean> consents) {
        if (consents == null || consents.isEmpty()) {
            return true;
        }
        return CHANNELS.stream().anyMatch(channel -> Boolean.TRUE.equals(consents.get(channel)));
    }
}
