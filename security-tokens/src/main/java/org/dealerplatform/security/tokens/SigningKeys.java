package org.dealerplatform.security.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns the configured HS256 secret into a key, refusing what anyone who has read the repository knows (SEC-2):
 * the dev key and the placeholders of the deployment files work in the {@code local} profile only.
 */
public final class SigningKeys {

    /** HS256 needs a key at least as long as its 256-bit hash (RFC 7518 section 3.2). */
    public static final int MIN_HS256_BYTES = 32;

    /** The dev-only key of the {@code local} profile and of the local runtime: public. */
    public static final String DEV_KEY = "dev-only-signing-key-not-for-production-0123456789";

    /** Secrets committed to this repository (dev profile, {@code .env.example}, k8s placeholder, CI dummy). */
    static final Set<String> PUBLICLY_KNOWN = Set.of(
            DEV_KEY,
            "dev-only-INSECURE-jwt-secret-do-not-use-outside-localhost-0000",
            "FAKE-PLACEHOLDER-replace-me-this-is-not-a-secret-0000000000",
            "ci-dummy-value-not-a-secret-0123456789abcdef");

    private SigningKeys() {
    }

    /**
     * The HMAC-SHA256 key of {@code secret}; fails when it is missing, shorter than 32 bytes or, outside the
     * {@code local} profile, one of the secrets committed to the repository.
     */
    public static SecretKey hs256(String secret, boolean localProfile) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("dealer.security.jwt-secret (env DEALER_JWT_SECRET) is not set: "
                    + "tokens cannot be validated without the shared signing secret");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_HS256_BYTES) {
            throw new IllegalStateException("dealer.security.jwt-secret (env DEALER_JWT_SECRET) must be at least "
                    + MIN_HS256_BYTES + " bytes for HS256, got " + bytes.length);
        }
        if (!localProfile && PUBLICLY_KNOWN.contains(secret.strip())) {
            throw new IllegalStateException("dealer.security.jwt-secret (env DEALER_JWT_SECRET) is a key published in "
                    + "the repository and may only be used with the 'local' profile; create a random one, e.g. "
                    + "openssl rand -base64 48");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
