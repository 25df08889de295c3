package org.dealerplatform.notification.optout;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Which SMS replies mean "stop sending me messages" (NOT-7; MIIT: 回TD退订). */
public final class OptOutKeywords {

    private static final Set<String> KEYWORDS = Set.of("TD", "T", "STOP", "UNSUBSCRIBE", "退订", "取消订阅");

    private OptOutKeywords() {
    }

    /** The opt-out keyword the reply consists of (case, spaces and punctuation ignored), if any. */
    public static Optional<String> match(String reply) {
        if (reply == null) {
            return Optional.empty();
        }
        String normalized = reply.strip().replaceAll("[\\p{Punct}\\s。！，]", "").toUpperCase(Locale.ROOT);
        return KEYWORDS.contains(normalized) ? Optional.of(normalized) : Optional.empty();
    }
}
