package org.dealerplatform.platform.security;

import java.nio.charset.StandardCharsets;

import javax.crypto.spec.SecretKeySpec;

import org.dealerplatform.platform.PlatformProperties;
import org.dealerplatform.platform.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Each service validates the same HS256 tokens as the gateway (it may be called from inside the network without it).
 * Roles come from the {@code roles} claim; 401 and 403 answer with problem details.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceSecurityConfiguration {

    /** Paths anyone may call: health and metrics for the platform, the API documents. */
    static final String[] PUBLIC = {"/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"};

    @Bean
    public JwtDecoder jwtDecoder(PlatformProperties properties) {
        String secret = properties.security().jwtSecret();
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("dealer.security.jwt-secret (env DEALER_JWT_SECRET) must be set to at least "
                    + "32 bytes; the 'local' profile sets a dev-only key");
        }
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    }

    @Bean
    public SecurityFilterChain serviceSecurity(HttpSecurity http, Problems problems, PlatformProperties properties)
            throws Exception {
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
                        .requestMatchers(extraPublic).permitAll()
                        .requestMatchers("/admin/**").hasRole(Role.HQ.name())
                        .anyRequest().authenticated())
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
