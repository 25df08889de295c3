package org.dealerplatform.gateway.ratelimit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the in-memory limiter and the client key resolver the {@code RequestRateLimiter} default filter uses. */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

    @Bean
    ClientRateLimiter clientRateLimiter(RateLimitProperties properties) {
        return new ClientRateLimiter(properties);
    }

    @Bean
    ClientKeyResolver clientKeyResolver(RateLimitProperties properties) {
        return new ClientKeyResolver(properties.trustedProxies());
    }
}
