package org.dealerplatform.gateway.security;

import org.dealerplatform.security.tokens.IssuerSettings;
import org.dealerplatform.security.tokens.StaticIssuerKey;
import org.dealerplatform.security.tokens.TokenPolicy;
import org.dealerplatform.security.tokens.TokenRole;
import org.dealerplatform.security.tokens.VerifiedTokens;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Stateless resource server (GW-2): RS256/ES256 JWTs verified against the identity provider's JWKS (UI-1) and checked
 * by the token rules the services apply too (SEC-1, module {@code security-tokens}), {@code roles} claim mapped to
 * {@code ROLE_*} authorities, HQ reports for the HQ role only. The Authorization header is forwarded unchanged, so the
 * services validate the same token and apply branch scoping themselves.
 */
@Configuration
@EnableWebFluxSecurity
public class SecurityConfiguration {

    /** Claim holding the caller's roles (HQ, BRANCH_MANAGER, SALES, SERVICE_ADVISOR). */
    public static final String ROLES_CLAIM = TokenPolicy.ROLES_CLAIM;
    /** Claim holding the caller's branch; absent for HQ users who see every branch. */
    public static final String BRANCH_CLAIM = TokenPolicy.BRANCH_CLAIM;

    /** True when the {@code local} profile is active: only there may the local runtime's dev issuer be used (SEC-2). */
    static boolean local(Environment environment) {
        return environment.acceptsProfiles(Profiles.of("local"));
    }

    @Bean
    TokenPolicy tokenPolicy(TokenProperties properties) {
        return properties.issuerSettings().policy();
    }

    /**
     * Keys from {@code dealer.security.jwk-set-uri}, RS256/ES256 only (HS256 and {@code none} are refused), then the
     * token policy. Without a JWKS and issuer, or outside {@code local} with the dev issuer, the gateway refuses to
     * start (SEC-2). Tests declare a {@link StaticIssuerKey} instead of an identity provider.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(TokenProperties properties, TokenPolicy tokenPolicy, Environment environment,
            ObjectProvider<StaticIssuerKey> testKey) {
        StaticIssuerKey staticKey = testKey.getIfAvailable();
        NimbusReactiveJwtDecoder decoder = staticKey != null
                ? NimbusReactiveJwtDecoder.withPublicKey(staticKey.publicKey()).build()
                : NimbusReactiveJwtDecoder.withJwkSetUri(properties.issuerSettings().requireJwkSetUri(local(environment)))
                        .jwsAlgorithms(algorithms -> algorithms.addAll(IssuerSettings.ALGORITHMS))
                        .webClient(jwksClient()).build();
        decoder.setJwtValidator(tokenPolicy.validator());
        // a client's next request with the same token skips the signature check; the policy is re-applied (issue 10)
        VerifiedTokens verified = VerifiedTokens.of(tokenPolicy.validator());
        return token -> {
            Jwt known;
            try {
                known = verified.remembered(token);
            } catch (JwtException expired) {
                return Mono.error(expired);
            }
            return known != null ? Mono.just(known) : decoder.decode(token).doOnNext(jwt -> verified.remember(token, jwt));
        };
    }

    /**
     * The JWKS is fetched with time limits: a fetch (at start, or for a token signed by a key not seen yet) that hangs
     * would otherwise hold every request waiting on it for ever, since no route timeout applies before routing.
     */
    private static WebClient jwksClient() {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) JWKS_TIMEOUT.toMillis())
                .responseTimeout(JWKS_TIMEOUT);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    private static final Duration JWKS_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            ProblemSecurityHandlers problemHandlers, Environment environment) {
        boolean local = local(environment);
        http.csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens only, no cookies: nothing to forge
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problemHandlers)
                        .accessDeniedHandler(problemHandlers))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationEntryPoint(problemHandlers)
                        .accessDeniedHandler(problemHandlers)
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(authenticationConverter())))
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/fallback/**").permitAll();
                    // metrics and API documents: anonymous only in `local`; elsewhere HQ or MONITORING (SEC-6)
                    if (local) {
                        exchanges.pathMatchers("/actuator/prometheus", "/docs/**").permitAll();
                    } else {
                        exchanges.pathMatchers("/actuator/prometheus", "/docs/**")
                                .hasAnyRole(TokenRole.operationsRoles());
                    }
                    // SMS/e-mail providers call these without a token; notification-service checks their HMAC signature
                    exchanges.pathMatchers("/api/notifications/webhooks/**").permitAll();
                    exchanges.pathMatchers("/api/hq", "/api/hq/**").hasRole(TokenRole.HQ.name())
                            .pathMatchers("/api/**").hasAnyRole(TokenRole.businessRoles())
                            .anyExchange().hasAnyRole(TokenRole.businessRoles());
                });
        return http.build();
    }

    private static ReactiveJwtAuthenticationConverterAdapter authenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }
}
