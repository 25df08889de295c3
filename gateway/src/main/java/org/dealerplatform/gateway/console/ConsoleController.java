package org.dealerplatform.gateway.console;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.dealerplatform.security.tokens.TokenPolicy;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's own endpoints at the gateway (UI-1): its entry page at {@code /console/} and who is signed in
 * ({@code GET /console/api/me}: the access token's {@code sub}, {@code roles}, {@code branchId} and
 * {@code salespersonId}, which decide the screens the console offers; the services enforce them again).
 */
@RestController
class ConsoleController {

    private static final Resource INDEX = new ClassPathResource("static/console/index.html");

    private final ReactiveJwtDecoder jwtDecoder;

    ConsoleController(ReactiveJwtDecoder jwtDecoder) {
        this.jwtDecoder = jwtDecoder;
    }

    @GetMapping("/console")
    ResponseEntity<Void> console() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/console/")).build();
    }

    @GetMapping(value = "/console/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> index() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML).body(INDEX);
    }

    @GetMapping(ConsoleSecurityConfiguration.API + "/me")
    Mono<Map<String, Object>> me(@AuthenticationPrincipal OidcUser user,
            @RegisteredOAuth2AuthorizedClient(ConsoleSecurityConfiguration.CLIENT) OAuth2AuthorizedClient client) {
        return jwtDecoder.decode(client.getAccessToken().getTokenValue())
                .map(token -> {
                    Map<String, Object> me = new LinkedHashMap<>();
                    me.put("sub", token.getSubject());
                    me.put("name", user.getFullName() != null ? user.getFullName() : token.getSubject());
                    me.put("roles", token.getClaimAsStringList(TokenPolicy.ROLES_CLAIM));
                    me.put("branchId", token.getClaimAsString(TokenPolicy.BRANCH_CLAIM));
                    me.put("salespersonId", token.getClaimAsString(TokenPolicy.SALESPERSON_CLAIM));
                    return me;
                })
                .onErrorMap(e -> !(e instanceof ResponseStatusException),
                        e -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "the session's token is no longer valid"));
    }
}
