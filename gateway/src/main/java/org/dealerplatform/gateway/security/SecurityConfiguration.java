package org.dealerplatform.gateway.security;

import javax.crypto.SecretKey;

import org.dealerplatform.security.tokens.TokenPolicy;
import org.dealerplatform.security.tokens.TokenRole;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Stateless resource server (GW-2): HS256 JWTs signed with the shared secret and checked by the token rules the
 * services apply too (SEC-1, module {@code security-tokens}), {@code roles} claim mapped to
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

    /** True when the {@code local} profile is active: only there may the dev key and dev tokens exist (SEC-2). */
    static boolean local(Environment environment) {
        return environment.acceptsProfiles(Profiles.of("local"));
    }

    @Bean
    SecretKey jwtSigningKey(JwtSecretProperties properties, Environment environment) {
        return properties.signingKey(local(environment));
    }

    @Bean
    TokenPolicy tokenPolicy(JwtSecretProperties properties) {
        return properties.tokenPolicy();
    }

    /** HS256 today; a JWKS decoder can replace it, keeping {@link TokenPolicy#validator()}. */
    @Bean
    ReactiveJwtDecoder jwtDecoder(SecretKey jwtSigningKey, TokenPolicy tokenPolicy) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(jwtSigningKey)
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(tokenPolicy.validator());
        return decoder;
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            ProblemSecurityHandlers problemHandlers, Environment environment,
            @Value("${dealer.dev-tokens.enabled:false}") boolean devTokensEnabled) {
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
                            "/actuator/prometheus", "/docs/**", "/fallback/**").permitAll();
                    // SMS/e-mail providers call these without a token; notification-service checks their HMAC signature
                    exchanges.pathMatchers("/api/notifications/webhooks/**").permitAll();
                    if (devTokensEnabled && local(environment)) {
                        exchanges.pathMatchers(HttpMethod.GET, "/dev/token").permitAll();
                    }
                    exchanges.pathMatchers("/api/hq", "/api/hq/**").hasRole(TokenRole.HQ.name())
                            .pathMatchers("/api/**").authenticated()
                            .anyExchange().authenticated();
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
