package org.dealerplatform.notification.outbound;

import java.time.Instant;

/** What the delivery policy says about one notification now (NOT-3). */
public sealed interface Decision {

    /** Send now on this channel. */
    record Send(Channel channel) implements Decision {
    }

    /** Not now: try again at {@code until} (quiet hours, frequency cap, customer not yet known). Never dropped. */
    record Defer(Instant until, String reason) implements Decision {
    }

    /** Never: no consent, no usable channel, or deferred beyond the allowed time. */
    record Suppress(String reason) implements Decision {
    }

    /** Every channel that could be used failed for good (NOT-5). */
    record Fail(String reason) implements Decision {
    }
}
