package org.dealerplatform.gateway.ratelimit;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token bucket sizing per client ({@code dealer.gateway.rate-limit.*}): a client may send {@code burst} requests at
 * once, then {@code replenish-per-second} on average; {@code max-clients} bounds the memory the buckets take.
 * {@code trusted-proxies} lists the addresses or CIDR ranges of the proxies in front of the gateway whose
 * {@code X-Forwarded-For} names an anonymous client (SEC-5); empty means the TCP peer is the client.
 */
@ConfigurationProperties("dealer.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("200") double replenishPerSecond,
        @DefaultValue("400") long burst,
        @DefaultValue("100000") int maxClients,
        List<String> trustedProxies) {

    public RateLimitProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        if (replenishPerSecond <= 0 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("dealer.gateway.rate-limit needs replenish-per-second > 0, burst >= 1"
                    + " and max-clients >= 1");
        }
    }
}
