package org.dealerplatform.platform;

import java.time.Duration;
import java.util.List;

import org.dealerplatform.security.tokens.IssuerSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the shared plumbing, under {@code dealer.*}. Every connection string comes from the environment
 * ({@code DEALER_MONGO_URI}, {@code DEALER_KAFKA_BOOTSTRAP}, {@code DEALER_JWT_JWK_SET_URI}) through each service's
 * {@code application.yml}.
 */
@ConfigurationProperties("dealer")
public record PlatformProperties(Events events, Outbox outbox, Security security) {

    public PlatformProperties {
        events = events == null ? new Events(null, null, List.of(), List.of(), 3, (short) 1) : events;
        outbox = outbox == null ? new Outbox(true, Duration.ofSeconds(5), Duration.ofSeconds(10), 500) : outbox;
        security = security == null ? new Security(null, null, null, List.of()) : security;
    }

    /**
     * @param source      CloudEvents {@code source} of what this service publishes (defaults to the application name)
     * @param typePrefix  prefix of this service's event types, e.g. {@code dealer.customers}
     * @param publishes   topics this service produces ({@code <service>.<aggregate>.events})
     * @param consumes    topics this service consumes; each gets a dead-letter topic {@code <topic>.<group>.dlt}
     * @param partitions  partitions of every topic created at start-up (≥ 3 so consumers can scale out)
     * @param replication replication factor of created topics (1 locally, 3 in production)
     */
    public record Events(String source, String typePrefix, List<String> publishes, List<String> consumes,
            @DefaultValue("3") int partitions, @DefaultValue("1") short replication) {
        public Events {
            publishes = publishes == null ? List.of() : publishes;
            consumes = consumes == null ? List.of() : consumes;
        }
    }

    /**
     * @param enabled      whether this instance runs a relay (it still only publishes while it holds the lease)
     * @param pollInterval how often the relay polls outbox_hints for events nobody signalled (crash recovery, other instances)
     * @param leaseTtl     how long a relay's lease lasts without renewal
     * @param batchSize    documents per relay batch
     */
    public record Outbox(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration pollInterval,
            @DefaultValue("10s") Duration leaseTtl, @DefaultValue("500") int batchSize) {
    }

    /**
     * @param jwkSetUri   the identity provider's JWK set, whose keys sign the tokens (UI-1); required (SEC-2)
     * @param issuer      the {@code iss} every token must carry (SEC-1); required with the JWK set
     * @param audience    a value every token's {@code aud} must contain (SEC-1; blank means {@code dealer-api})
     * @param publicPaths extra paths callable without a token, e.g. provider webhooks that authenticate by signature
     */
    public record Security(String jwkSetUri, String issuer, String audience, List<String> publicPaths) {
        public Security {
            publicPaths = publicPaths == null ? List.of() : publicPaths;
        }

        /** Where tokens come from, as the shared token rules see it. */
        public IssuerSettings issuerSettings() {
            return new IssuerSettings(jwkSetUri, issuer, audience);
        }
    }
}
