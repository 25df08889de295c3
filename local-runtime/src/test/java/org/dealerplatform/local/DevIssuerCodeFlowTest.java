package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * UI-1: the dev issuer's authorization-code flow with PKCE, as the gateway's OIDC client walks it for the console:
 * registered client and redirect URI only, S256 challenge required, single-use codes bound to their verifier.
 */
class DevIssuerCodeFlowTest {

    private static final String REDIRECT = "http://localhost:18080/login/oauth2/code/dealer-console";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final HttpClient HTTP = HttpClient.newHttpClient(); // never follows redirects
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static DevIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = DevIssuer.start(PortPlan.HOST, 0).allowRedirect(REDIRECT);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private static Map<String, String> authorizeParams(String redirect) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", "dealer-console");
        params.put("redirect_uri", redirect);
        params.put("scope", "openid");
        params.put("state", "st<ate>");
        params.put("nonce", "n-0S6_WzA2Mj");
        params.put("code_challenge", DevIssuer.s256(VERIFIER));
        params.put("code_challenge_method", "S256");
        return params;
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> get(Map<String, String> params) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer.authorizationEndpoint() + "?" + form(params))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, Map<String, String> params) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in as {@code user} on the form and returns the code from the redirect. */
    private static String code(String user) throws Exception {
        Map<String, String> signIn = authorizeParams(REDIRECT);
        signIn.put("username", user);
        signIn.put("password", DemoUsers.PASSWORD);
        HttpResponse<String> answer = post(issuer.authorizationEndpoint(), signIn);
        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").contains("state=st%3Cate%3E");
        return location.replaceAll(".*code=([^&]+).*", "$1");
    }

    private static HttpResponse<String> exchange(String code, String verifier, String redirect) throws Exception {
        return post(issuer.tokenEndpoint(), Map.of("grant_type", "authorization_code", "code", code, "client_id",
                "dealer-console", "redirect_uri", redirect, "code_verifier", verifier));
    }

    @Test
    @DisplayName("UI-1 the sign-in page lists the demo users; a code for the HQ analyst gives an access token and an ID token with the nonce")
    void codeFlowWithPkce() throws Exception {
        HttpResponse<String> page = get(authorizeParams(REDIRECT));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("hq.analyst", "hz.manager", "name=\"password\"")
                .as("request parameters are escaped, not echoed raw").contains("st&lt;ate&gt;").doesNotContain("st<ate>");

        HttpResponse<String> tokens = exchange(code("hq.analyst"), VERIFIER, REDIRECT);

        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(tokens.body());
        SignedJWT access = SignedJWT.parse(body.path("access_token").asString());
        assertThat(access.verify(new RSASSAVerifier(issuer.tokens().publicKey()))).isTrue();
        assertThat(access.getJWTClaimsSet().getAudience()).containsExactly("dealer-api");
        assertThat(access.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("HQ");
        JWTClaimsSet id = SignedJWT.parse(body.path("id_token").asString()).getJWTClaimsSet();
        assertThat(id.getAudience()).containsExactly("dealer-console");
        assertThat(id.getSubject()).isEqualTo("hq.analyst");
        assertThat(id.getStringClaim("nonce")).isEqualTo("n-0S6_WzA2Mj");
        assertThat(id.getIssuer()).isEqualTo(issuer.issuer());
    }

    @Test
    @DisplayName("UI-1 a code is single-use and bound to its verifier and redirect URI; wrong passwords get no code")
    void codeRefusals() throws Exception {
        String code = code("hz.manager");
        assertThat(exchange(code, VERIFIER.replace('d', 'e'), REDIRECT).body()).contains("invalid_grant");
        assertThat(exchange(code, VERIFIER, REDIRECT).statusCode())
                .as("a failed exchange used the code up").isEqualTo(400);

        String another = code("hz.manager");
        assertThat(exchange(another, VERIFIER, "http://localhost:18080/elsewhere").statusCode()).isEqualTo(400);

        String third = code("hz.manager");
        assertThat(exchange(third, VERIFIER, REDIRECT).statusCode()).isEqualTo(200);
        assertThat(exchange(third, VERIFIER, REDIRECT).body()).as("second use").contains("invalid_grant");

        Map<String, String> wrong = authorizeParams(REDIRECT);
        wrong.put("username", "hq.analyst");
        wrong.put("password", "guess");
        HttpResponse<String> refused = post(issuer.authorizationEndpoint(), wrong);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
    }

    @Test
    @DisplayName("UI-1 an unregistered redirect URI gets an error page, never a redirect; a request without PKCE S256 is refused")
    void redirectAndPkceChecked() throws Exception {
        HttpResponse<String> foreign = get(authorizeParams("https://attacker.example/cb"));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.headers().firstValue("Location")).isEmpty();

        Map<String, String> plain = authorizeParams(REDIRECT);
        plain.put("code_challenge_method", "plain");
        HttpResponse<String> noPkce = get(plain);
        assertThat(noPkce.statusCode()).isEqualTo(302);
        assertThat(noPkce.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT + "?")
                .contains("error=invalid_request").doesNotContain("code=");

        Map<String, String> otherClient = authorizeParams(REDIRECT);
        otherClient.put("client_id", "dealer-cli");
        assertThat(get(otherClient).statusCode()).isEqualTo(400);
    }
}
