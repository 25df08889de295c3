package org.dealerplatform.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    @DisplayName("event ids are version-7 UUIDs that sort by creation time and do not repeat")
    void uuidV7() {
        UUID early = EventIds.uuidV7(1_700_000_000_000L);
        UUID late = EventIds.uuidV7(1_700_000_000_001L);
        assertThat(early.version()).isEqualTo(7);
        assertThat(early.variant()).isEqualTo(2);
        assertThat(early.toString().compareTo(late.toString())).isNegative();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(EventIds.next());
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    @Test
    @DisplayName("GW-3 an opened context carries correlation and causation ids, refuses a forged correlation id, and is restored on close")
    void contextScopes() {
        try (EventContext.Scope outer = EventContext.open("corr-1", null)) {
            assertThat(EventContext.current().correlationId()).isEqualTo("corr-1");
            try (EventContext.Scope inner = EventContext.open("corr-1\nforged", "event-9")) {
                assertThat(EventContext.current().causationId()).isEqualTo("event-9");
                assertThat(EventContext.current().correlationId()).isNotEqualTo("corr-1\nforged").hasSize(36);
            }
            assertThat(EventContext.current().correlationId()).isEqualTo("corr-1");
            assertThat(EventContext.current().causationId()).isNull();
        }
        assertThat(EventContext.current().correlationId()).isNotEqualTo("corr-1");
    }

    @Test
    @DisplayName("OBS-1 without a current span, an event starts a new sampled W3C trace")
    void newRootTraceWithoutSpan() {
        String first = EventTracing.NONE.currentTraceparent();
        assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(EventTracing.NONE.currentTraceparent()).isNotEqualTo(first);
    }
}
