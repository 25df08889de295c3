package org.dealerplatform.gateway.security;

import javax.crypto.SecretKey;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 * Stateless resource server (GW-2): HS256 JWTs signed with the shared secret, {@code roles} claim mapped to
 * {@code ROLE_*} authorities, HQ reports for the HQ role only. The Authorization header is forwarded unchanged, so the
 * services validate the same token and apply branch scoping themselves.
 */
@Configuration
@EnableWebFluxSecurity
public class SecurityConfiguration {

    /** Claim holding the caller's roles (HQ, BRANCH_MANAGER, SALES, SERVICE_ADVISOR). */
    public static final String ROLES_CLAIM = "roles";
    /** Claim holding the caller's branch; absent for HQ users who see every branch. */
    public static final String BRANCH_CLAIM = "branchId";

    @Bean
    SecretKey jwtSigningKey(JwtSecretProperties properties) {
        return properties.signingKey();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(SecretKey jwtSigningKey) {
        return NimbusReactiveJwtDecoder.withSecretKey(jwtSigningKey).macAlgorithm(MacAlgorithm.HS256).build();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            ProblemSecurityHandlers problemHandlers,
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
                    if (devTokensEnabled) {
                        exchanges.pathMatchers(HttpMethod.GET, "/dev/token").permitAll();
                    }
                    exchanges.pathMatchers("/api/hq", "/api/hq/**").hasRole(Role.HQ.name())
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
