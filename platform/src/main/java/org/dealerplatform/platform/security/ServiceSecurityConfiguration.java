package org.dealerplatform.platform.security;

import org.dealerplatform.platform.PlatformProperties;
import org.dealerplatform.platform.web.Problems;
import org.dealerplatform.security.tokens.IssuerSettings;
import org.dealerplatform.security.tokens.StaticIssuerKey;
import org.dealerplatform.security.tokens.TokenPolicy;
import org.dealerplatform.security.tokens.TokenRole;
import org.dealerplatform.security.tokens.VerifiedTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Each service validates the same tokens as the gateway (it may be called from inside the network without it): RS256 or
 * ES256 signatures checked against the identity provider's JWKS (UI-1), and the rules of {@code security-tokens}
 * (SEC-1): expiry, issuer, audience, known roles, branch for branch roles. Roles come from the {@code roles} claim; 401 and 403 answer with problem details.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceSecurityConfiguration {

    /** Paths anyone may call: health for orchestrators and load balancers. */
    static final String[] PUBLIC = {"/actuator/health/**", "/actuator/info", "/error"};

    /**
     * Metrics and API documents: anonymous only in the {@code local} profile; elsewhere HQ or a {@code MONITORING}
     * token (SEC-6), because they name every endpoint, field and business counter.
     */
    static final String[] OPERATIONS = {"/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**",
            "/swagger-ui.html"};

    /** The claims rules of SEC-1, shared with the gateway; independent of how signatures are checked. */
    @Bean
    public TokenPolicy tokenPolicy(PlatformProperties properties) {
        return TokenPolicy.of(properties.security().issuer(), properties.security().audience());
    }

    /**
     * Verifies signatures with the keys of {@code dealer.security.jwk-set-uri} (RS256/ES256 only, so HS256 and
     * {@code none} are refused) and applies the token policy. Without a JWKS and issuer, or outside {@code local} with
     * the local runtime's development issuer, the service refuses to start (SEC-2). Tests declare a
     * {@link StaticIssuerKey} instead of an identity provider. Verified tokens are remembered for a few minutes
     * ({@link VerifiedTokens}).
     */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    public JwtDecoder jwtDecoder(PlatformProperties properties, TokenPolicy tokenPolicy, Environment environment,
            ObjectProvider<StaticIssuerKey> testKey) {
        StaticIssuerKey staticKey = testKey.getIfAvailable();
        NimbusJwtDecoder decoder;
        if (staticKey != null) {
            decoder = NimbusJwtDecoder.withPublicKey(staticKey.publicKey()).build();
        } else {
            boolean local = environment.acceptsProfiles(Profiles.of("local"));
            String jwks = properties.security().issuerSettings().requireJwkSetUri(local);
            decoder = NimbusJwtDecoder.withJwkSetUri(jwks)
                    .jwsAlgorithms(algorithms -> algorithms.addAll(IssuerSettings.ALGORITHMS)).build();
        }
        decoder.setJwtValidator(tokenPolicy.validator());
        // a client's next request with the same token skips the signature check; the policy is re-applied (issue 10)
        return VerifiedTokens.of(tokenPolicy.validator()).decoder(decoder);
    }

    /**
     * The request firewall's refusals (encoded {@code ../}, {@code ;}, {@code //}, {@code %25} ...) are 400 problems
     * saying what was refused, not empty answers (SEC-8).
     */
    @Bean
    public RequestRejectedHandler problemRequestRejectedHandler(Problems problems) {
        return (request, response, rejected) -> problems.write(request, response, HttpStatus.BAD_REQUEST,
                "The request was refused by the server's firewall: " + rejected.getMessage());
    }

    @Bean
    public SecurityFilterChain serviceSecurity(HttpSecurity http, Problems problems, PlatformProperties properties,
            Environment environment) throws Exception {
        boolean local = environment.acceptsProfiles(Profiles.of("local"));
        String[] extraPublic = properties.security().publicPaths().toArray(String[]::new);
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers(OPERATIONS).access(local
                                ? (anyone, context) -> new AuthorizationDecision(true)
                                : AuthorityAuthorizationManager.hasAnyRole(TokenRole.operationsRoles()))
                        .requestMatchers(extraPublic).permitAll()
                        .requestMatchers("/admin/**").hasRole(Role.HQ.name())
                        .anyRequest().hasAnyRole(TokenRole.businessRoles()))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint((request, response, e) -> problems.write(request, response,
                                HttpStatus.UNAUTHORIZED, "A valid bearer token is required: " + e.getMessage()))
                        .accessDeniedHandler((request, response, e) -> problems.write(request, response,
                                HttpStatus.FORBIDDEN, "Your role may not do this")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> problems.write(request, response,
                                HttpStatus.UNAUTHORIZED, "A valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) -> problems.write(request, response,
                                HttpStatus.FORBIDDEN, "Your role may not do this")));
        return http.build();
    }
}
