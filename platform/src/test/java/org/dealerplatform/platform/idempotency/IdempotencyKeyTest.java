package org.dealerplatform.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    private static final Instant NOON = Instant.parse("2026-12-01T04:00:00Z");

    private static IdempotencyKey key(String subject, String key, String fingerprint, Instant at) {
        return new IdempotencyKey(subject, key, fingerprint, at);
    }

    @Test
    @DisplayName("REL-7 a key names the same new aggregate for the same caller, and another one for another caller")
    void aggregateIdIsDerivedFromSubjectAndKey() {
        String first = key("alice", "k-1", "f", NOON).aggregateId();
        assertThat(key("alice", "k-1", "other", NOON.plusSeconds(5)).aggregateId()).isEqualTo(first);
        assertThat(key("bob", "k-1", "f", NOON).aggregateId()).isNotEqualTo(first);
        assertThat(java.util.UUID.fromString(first).version()).isEqualTo(5);
        assertThat(IdempotencyKey.aggregateIdOr(null, () -> "random")).isEqualTo("random");
    }

    @Test
    @DisplayName("REL-7 a kept request is recognised again with the same body and refused with another body")
    void keptRequestIsRecognised() {
        List<KeptRequest> kept = KeptRequests.with(null, key("alice", "k-1", "f1", NOON));
        assertThat(KeptRequests.applied(kept, key("alice", "k-1", "f1", NOON.plusSeconds(60)))).isTrue();
        assertThat(KeptRequests.applied(kept, key("bob", "k-1", "f1", NOON))).isFalse();
        assertThat(KeptRequests.applied(kept, null)).isFalse();
        assertThatThrownBy(() -> KeptRequests.applied(kept, key("alice", "k-1", "f2", NOON)))
                .isInstanceOf(IdempotencyKeyReusedException.class).hasMessageContaining("k-1");
    }

    @Test
    @DisplayName("REL-7 keys are kept 24 hours, then dropped when the next keyed change is saved; at most 100 are kept")
    void keysAreKeptTwentyFourHoursAndBounded() {
        List<KeptRequest> kept = KeptRequests.with(null, key("alice", "old", "f", NOON));
        kept = KeptRequests.with(kept, key("alice", "day", "f", NOON.plusSeconds(24 * 3600)));
        assertThat(kept).extracting(KeptRequest::key).containsExactly("old", "day");
        kept = KeptRequests.with(kept, key("alice", "next", "f", NOON.plusSeconds(24 * 3600 + 1)));
        assertThat(kept).extracting(KeptRequest::key).containsExactly("day", "next");

        List<KeptRequest> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many = KeptRequests.with(many, key("alice", "k" + i, "f", NOON.plusSeconds(i)));
        }
        assertThat(many).hasSize(KeptRequests.MAX_KEPT);
        assertThat(many.get(many.size() - 1).key()).isEqualTo("k149");
    }

    @Test
    @DisplayName("REL-7 a key is 1 to 255 printable ASCII characters")
    void wellFormedKeys() {
        assertThat(IdempotencyKey.isWellFormed("8e03978e-40d5-43e8-bc93-6894a57f9324")).isTrue();
        assertThat(IdempotencyKey.isWellFormed("")).isFalse();
        assertThat(IdempotencyKey.isWellFormed("x".repeat(256))).isFalse();
        assertThat(IdempotencyKey.isWellFormed("line\nbreak")).isFalse();
    }
}
