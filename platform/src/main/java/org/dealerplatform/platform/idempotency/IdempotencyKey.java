package org.dealerplatform.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A client's {@code Idempotency-Key} (IETF draft "The Idempotency-Key HTTP Header Field"), scoped to the caller's token
 * subject, with the fingerprint of the request it came with and when it arrived (REL-7).
 *
 * <p>A creation takes its new aggregate's id from {@link #aggregateId()}: a retry computes the same id, so its insert
 * hits the {@code _id} index instead of recording the thing twice, and no separate "keys" collection is ever written.
 */
public record IdempotencyKey(String subject, String key, String fingerprint, Instant receivedAt) {

    public static final String HEADER = "Idempotency-Key";

    /** How long an aggregate keeps a key at least; a retry within this time is answered, not applied again. */
    public static final Duration RETENTION = Duration.ofHours(24);

    /** The draft recommends UUIDs; anything printable up to this length is accepted. */
    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** Whether {@code value} is usable as a key: 1 to {@value #MAX_LENGTH} printable ASCII characters. */
    public static boolean isWellFormed(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH
                && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /**
     * The id of the aggregate a creation with this key makes: a name-based UUID (version 5) of subject and key, so the
     * same caller retrying gets the same id and another caller using the same key gets another one.
     */
    public String aggregateId() {
        return nameBasedUuid(subject + "\n" + key).toString();
    }

    /** The id of a new aggregate: {@link #aggregateId()} with a key, otherwise whatever the caller made until now. */
    public static String aggregateIdOr(IdempotencyKey key, Supplier<String> withoutKey) {
        return key == null ? withoutKey.get() : key.aggregateId();
    }

    /** A new id made of {@code prefix} and, with a key, {@link #aggregateId()}, otherwise a random UUID. */
    public static String newId(String prefix, IdempotencyKey key) {
        return prefix + (key == null ? UUID.randomUUID().toString() : key.aggregateId());
    }

    /** Same caller and same key: the same request if the fingerprint matches too, else a misuse of the key. */
    boolean sameKeyAs(KeptRequest kept) {
        return subject.equals(kept.subject()) && key.equals(kept.key());
    }

    static UUID nameBasedUuid(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
            long most = 0;
            long least = 0;
            for (int i = 0; i < 8; i++) {
                most = (most << 8) | (hash[i] & 0xff);
                least = (least << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(most, least);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
