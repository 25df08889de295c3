package org.dealerplatform.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token bucket sizing per client ({@code dealer.gateway.rate-limit.*}): a client may send {@code burst} requests at
 * once, then {@code replenish-per-second} on average; {@code max-clients} bounds the memory the buckets take.
 */
@ConfigurationProperties("dealer.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("200") double replenishPerSecond,
        @DefaultValue("400") long burst,
        @DefaultValue("100000") int maxClients) {

    public RateLimitProperties {
        if (replenishPerSecond <= 0 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("dealer.gateway.rate-limit needs replenish-per-second > 0, burst >= 1"
                    + " and max-clients >= 1");
        }
    }
}
