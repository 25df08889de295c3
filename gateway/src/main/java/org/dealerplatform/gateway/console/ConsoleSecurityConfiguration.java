package org.dealerplatform.gateway.console;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.dealerplatform.gateway.security.ProblemSecurityHandlers;
import org.dealerplatform.security.tokens.TokenPolicy;
import org.dealerplatform.security.tokens.TokenRole;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import java.net.URI;

/**
 * The console's security chain (UI-1), ahead of the bearer-token chain and only for the console's paths: OIDC login
 * (authorization code + PKCE, client {@value #CLIENT}) with the tokens kept in the server-side session, the
 * {@code roles} of the access token as authorities (the same token rules as for bearer callers, so a token the API
 * would refuse cannot sign in), CSRF tokens from the {@code XSRF-TOKEN} cookie echoed in {@code X-XSRF-TOKEN} on every
 * state-changing call, and a 401 problem (not a redirect) for an API call without a session.
 */
@Configuration
public class ConsoleSecurityConfiguration {

    /** The console's OIDC client registration id, also its client id at the issuer. */
    public static final String CLIENT = "dealer-console";
    /** Where the console's API calls go; the gateway rewrites them to {@code /api/**} and relays the token. */
    public static final String API = "/console/api";
    /** The page shown after sign-out or a failed sign-in; reachable without a session. */
    static final String SIGNED_OUT = "/console/signed-out.html";

    /** Every path this chain owns; the rest of the gateway stays a stateless resource server. */
    static final ServerWebExchangeMatcher CONSOLE_PATHS = ServerWebExchangeMatchers.pathMatchers("/console", "/console/**",
            "/oauth2/authorization/**", "/login/oauth2/code/**", "/logout", "/webjars/**");

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain consoleSecurityWebFilterChain(ServerHttpSecurity http, ProblemSecurityHandlers problems,
            ReactiveClientRegistrationRepository clients) {
        ServerWebExchangeMatcher api = ServerWebExchangeMatchers.pathMatchers(API + "/**");
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(api, problems),
                new DelegateEntry(ServerWebExchangeMatchers.anyExchange(),
                        new RedirectServerAuthenticationEntryPoint("/oauth2/authorization/" + CLIENT)));
        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookiePath("/");
        RedirectServerLogoutSuccessHandler signedOut = new RedirectServerLogoutSuccessHandler();
        signedOut.setLogoutSuccessUrl(URI.create(SIGNED_OUT));
        http.securityMatcher(CONSOLE_PATHS)
                // cookie-to-header: the plain (not XOR-masked) token, so the page's script can send the cookie's value
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .oauth2Login(login -> login.authorizationRequestResolver(pkce(clients))
                        // back to the console page that was asked for, else the console's start page
                        .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/console/"))
                        .authenticationFailureHandler(new RedirectServerAuthenticationFailureHandler(SIGNED_OUT + "?error")))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(signedOut))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                                + "frame-ancestors 'none'; form-action 'self'")))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(problems))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/webjars/**", SIGNED_OUT, "/console/console.css").permitAll()
                        .pathMatchers(API + "/hq/**").hasRole(TokenRole.HQ.name())
                        .anyExchange().authenticated())
                .addFilterAfter(new CsrfCookieWebFilter(), SecurityWebFiltersOrder.CSRF);
        return http.build();
    }

    /** PKCE (S256) on every authorization request, also should the client ever get a secret. */
    private static ServerOAuth2AuthorizationRequestResolver pkce(ReactiveClientRegistrationRepository clients) {
        DefaultServerOAuth2AuthorizationRequestResolver resolver = new DefaultServerOAuth2AuthorizationRequestResolver(clients);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return resolver;
    }

    /**
     * The signed-in user: the ID token's identity plus the {@code roles} of the access token as {@code ROLE_*}
     * authorities. The access token goes through the same decoder and token rules as a bearer caller's (SEC-1), so
     * the console signs in only with a token the services will accept.
     */
    @Bean
    ReactiveOAuth2UserService<OidcUserRequest, OidcUser> consoleUserService(ReactiveJwtDecoder jwtDecoder) {
        OidcReactiveOAuth2UserService idTokenUsers = new OidcReactiveOAuth2UserService();
        return request -> idTokenUsers.loadUser(request)
                .flatMap(user -> jwtDecoder.decode(request.getAccessToken().getTokenValue()).map(token -> {
                    Set<GrantedAuthority> authorities = new LinkedHashSet<>(user.getAuthorities());
                    List<String> roles = token.getClaimAsStringList(TokenPolicy.ROLES_CLAIM);
                    if (roles != null) {
                        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
                    }
                    return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo());
                }));
    }
}
