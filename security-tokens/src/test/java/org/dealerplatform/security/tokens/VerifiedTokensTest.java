package org.dealerplatform.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Issue 10 / SEC-1: remembering verified tokens saves the signature check on a client's next request, and weakens
 * nothing: forged tokens are still refused, and an expired token is refused even though it was remembered.
 */
class VerifiedTokensTest {

    private static final KeyPair KEYS = keys();
    private static final KeyPair OTHER_KEYS = keys();
    private final TokenPolicy policy = TokenPolicy.of("issuer", "dealer-api");

    @Test
    void aRememberedTokenSkipsTheSignatureCheck() throws Exception {
        AtomicInteger verifications = new AtomicInteger();
        JwtDecoder decoder = VerifiedTokens.of(policy.validator()).decoder(counting(verifications));
        String token = sign(KEYS, Instant.now().plusSeconds(600));

        assertThat(decoder.decode(token).getClaimAsString("branchId")).isEqualTo("BR-HZ");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("sales-1");
        assertThat(verifications).hasValue(1);

        decoder.decode(sign(KEYS, Instant.now().plusSeconds(601)));
        assertThat(verifications).as("another token is verified on its own").hasValue(2);
    }

    @Test
    void aForgedTokenIsRefusedEveryTime() throws Exception {
        AtomicInteger verifications = new AtomicInteger();
        JwtDecoder decoder = VerifiedTokens.of(policy.validator()).decoder(counting(verifications));
        String genuine = sign(KEYS, Instant.now().plusSeconds(600));
        decoder.decode(genuine);
        // same claims, signed with another key: its text differs in the signature, so it is not the remembered one
        String forged = sign(OTHER_KEYS, Instant.now().plusSeconds(600));

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        String tampered = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "AAAA";
        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(4);
    }

    @Test
    void aRememberedTokenIsRefusedOnceExpired() throws Exception {
        AtomicInteger verifications = new AtomicInteger();
        TokenPolicy noSkew = new TokenPolicy("issuer", "dealer-api", Duration.ZERO);
        JwtDecoder decoder = VerifiedTokens.of(noSkew.validator()).decoder(counting(verifications, noSkew));
        String token = sign(KEYS, Instant.now().plusSeconds(2));
        decoder.decode(token);

        Thread.sleep(2_100);

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    private JwtDecoder counting(AtomicInteger verifications) {
        return counting(verifications, policy);
    }

    private static JwtDecoder counting(AtomicInteger verifications, TokenPolicy policy) {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
        nimbus.setJwtValidator(policy.validator());
        return token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    private static String sign(KeyPair keys, Instant expiry) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("issuer").audience("dealer-api").subject("sales-1")
                .claim("roles", List.of("SALES")).claim("branchId", "BR-HZ").issueTime(new Date())
                .expirationTime(Date.from(expiry)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
