package org.dealerplatform.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DevTokenTest extends LocalProfileGatewayTest {

    @Test
    @DisplayName("GW-2 in profile local, /dev/token mints a 12 h token with sub, roles and branchId the gateway accepts")
    void mintsAUsableToken() throws Exception {
        HttpResponse<String> response = get("/dev/token?sub=alice&roles=SALES,BRANCH_MANAGER&branchId=JS-NJ-01");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        String token = body.path("token").asString();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new MACVerifier(TestTokens.DEV_SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaim("roles")).containsExactlyInAnyOrder("SALES", "BRANCH_MANAGER");
        assertThat(claims.getStringClaim("branchId")).isEqualTo("JS-NJ-01");
        assertThat(claims.getIssuer()).isEqualTo("dealer-local");
        assertThat(claims.getAudience()).containsExactly("dealer-api");
        Instant expectedExpiry = Instant.now().plus(Duration.ofHours(12));
        assertThat(claims.getExpirationTime().toInstant()).isCloseTo(expectedExpiry, within(Duration.ofMinutes(1)));
        assertThat(Instant.parse(body.path("expiresAt").asString()).getEpochSecond())
                .isEqualTo(claims.getExpirationTime().toInstant().getEpochSecond());

        String path = "/api/customers/" + UUID.randomUUID();
        assertThat(get(path, "Authorization", bearer(token)).statusCode()).isEqualTo(200);
        assertThat(CUSTOMERS.single(path).header("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    @DisplayName("GW-2 an HQ dev token needs no branchId and opens the HQ reports")
    void hqTokenWithoutBranch() throws Exception {
        HttpResponse<String> response = get("/dev/token?sub=hannah&roles=HQ");

        assertThat(response.statusCode()).isEqualTo(200);
        String token = json(response).path("token").asString();
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getClaim("branchId")).isNull();
        assertThat(get("/api/hq/targets", "Authorization", bearer(token)).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("GW-4 SEC-1 /dev/token refuses unknown roles and branch roles without branchId with 400 problem details")
    void refusesBadRequests() {
        JsonNode unknownRole = assertProblem(get("/dev/token?sub=alice&roles=ADMIN&branchId=JS-NJ-01"), 400,
                "bad-request", "/dev/token");
        assertThat(unknownRole.path("detail").asString()).contains("SERVICE_ADVISOR");

        JsonNode noBranch = assertProblem(get("/dev/token?sub=alice&roles=SALES"), 400, "bad-request", "/dev/token");
        assertThat(noBranch.path("detail").asString()).isEqualTo("branchId is required for the roles BRANCH_MANAGER, SALES and SERVICE_ADVISOR");

        assertProblem(get("/dev/token?sub=alice&roles=HQ,SALES"), 400, "bad-request", "/dev/token");

        assertProblem(get("/dev/token?roles=HQ"), 400, "bad-request", "/dev/token");
    }
}
