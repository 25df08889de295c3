package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.Test;

class DevTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-20T08:30:00Z");
    private final DevTokens tokens = new DevTokens(DevTokens.DEV_SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void signatureVerifiesWithTheDevKeyAndClaimsAreThere() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.token("alice", "JS-NJ-01", "SALES", "BRANCH_MANAGER"));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier("dev-only-signing-key-not-for-production-0123456789"
                .getBytes(StandardCharsets.UTF_8)))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaim("roles")).containsExactly("SALES", "BRANCH_MANAGER");
        assertThat(claims.getStringClaim("branchId")).isEqualTo("JS-NJ-01");
        assertThat(claims.getIssuer()).isEqualTo("dealer-local");
        assertThat(claims.getAudience()).containsExactly("dealer-api");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(12))));
        // roles is a JSON array in the payload, not a comma-separated string
        assertThat(jwt.getPayload().toString()).contains("\"roles\":[\"SALES\",\"BRANCH_MANAGER\"]");
    }

    @Test
    void doesNotVerifyWithAnotherKey() throws Exception {
        SignedJWT jwt = SignedJWT.parse(new DevTokens().token("bob", "ZJ-HZ-01", "SERVICE_ADVISOR"));

        assertThat(jwt.verify(new MACVerifier("another-secret-that-is-long-enough-for-hs256!!"
                .getBytes(StandardCharsets.UTF_8)))).isFalse();
    }

    @Test
    void hqTokenWithoutBranchOmitsTheClaim() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.token("hq-analyst", null, "HQ"));

        assertThat(jwt.getJWTClaimsSet().getClaims()).doesNotContainKey("branchId");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("HQ");
    }

    @Test
    void branchRolesNeedABranch() {
        assertThatThrownBy(() -> tokens.token("alice", null, "SALES")).hasMessageContaining("branchId");
        assertThatThrownBy(() -> tokens.token("alice", null, "HQ", "BRANCH_MANAGER")).hasMessageContaining("branchId");
    }

    @Test
    void rejectsUnknownOrMissingRoles() {
        assertThatThrownBy(() -> tokens.token("alice", "JS-NJ-01", "ADMIN"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ADMIN");
        assertThatThrownBy(() -> tokens.token("alice", "JS-NJ-01"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
