package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The local runtime's development issuer as the apps and a developer's curl use it (UI-1). */
class DevIssuerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static DevIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = DevIssuer.start(PortPlan.HOST, 0);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> token(String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("UI-1 a demo salesperson gets an RS256 token, verifiable with the published JWKS, carrying roles, branchId and salespersonId")
    void demoUserSignsIn() throws Exception {
        HttpResponse<String> response = token("grant_type=password&username=nj.sales1&password=demo");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        SignedJWT jwt = SignedJWT.parse(body.path("access_token").asString());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        RSAKey published = JWKSet.parse(get(issuer.jwkSetUri()).body()).getKeys().get(0).toRSAKey();
        assertThat(published.isPrivate()).as("the JWKS publishes the public key only").isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer.issuer()).startsWith("http://localhost:");
        assertThat(claims.getAudience()).containsExactly("dealer-api");
        assertThat(claims.getSubject()).isEqualTo("nj.sales1");
        assertThat(claims.getStringListClaim("roles")).containsExactly("SALES");
        assertThat(claims.getStringClaim("branchId")).isEqualTo("JS-NJ-01");
        assertThat(claims.getStringClaim("salespersonId")).isEqualTo("sp-js-nj-01-1");
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
    }

    @Test
    @DisplayName("UI-1 the HQ analyst's token has no branch; unknown users, wrong passwords and other grants are refused")
    void refusals() throws Exception {
        SignedJWT hq = SignedJWT.parse(JSON.readTree(token("grant_type=password&username=hq.analyst&password=demo")
                .body()).path("access_token").asString());
        assertThat(hq.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("HQ");
        assertThat(hq.getJWTClaimsSet().getClaims()).doesNotContainKeys("branchId", "salespersonId");

        assertThat(token("grant_type=password&username=nj.sales1&password=wrong").body()).contains("invalid_grant");
        assertThat(token("grant_type=password&username=mallory&password=demo").statusCode()).isEqualTo(400);
        assertThat(token("grant_type=client_credentials").body()).contains("unsupported_grant_type");
    }

    @Test
    @DisplayName("UI-1 OIDC discovery names the issuer, its JWKS and token endpoint; the demo users cover HQ, managers, salespeople and advisors")
    void discoveryAndUsers() throws Exception {
        JsonNode discovery = JSON.readTree(get(issuer.issuer() + "/.well-known/openid-configuration").body());
        assertThat(discovery.path("issuer").asString()).isEqualTo(issuer.issuer());
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo(issuer.issuer() + "/oauth2/jwks");
        assertThat(discovery.path("token_endpoint").asString()).isEqualTo(issuer.tokenEndpoint());

        assertThat(DemoUsers.ALL).extracting(DemoUsers.User::username)
                .contains("hq.analyst", "nj.manager", "nj.sales1", "nj.sales2", "nj.advisor", "nb.sales2");
        assertThat(DemoUsers.ALL).hasSize(1 + 4 * DemoData.BRANCHES.size());
        assertThat(DemoUsers.named("hz.sales2").orElseThrow().salespersonId()).isEqualTo("sp-zj-hz-01-2");
        assertThat(JSON.readTree(get(issuer.issuer() + "/demo-users").body()).path("users").size())
                .isEqualTo(DemoUsers.ALL.size());
        assertThat(List.of(DevTokens.ROLES)).isNotEmpty();
    }
}
