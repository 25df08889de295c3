package org.dealerplatform.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.platform.events.MalformedEventException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import tools.jackson.databind.json.JsonMapper;

/** The batch handler shape of the typed dispatcher (issue 10): runs, record order, and failures naming one record (REL-1). */
class BatchDispatchTest {

    static final String OPENED = "test.Opened.v1";
    static final String CLOSED = "test.Closed.v1";
    static final String NOTED = "test.Noted.v1";
    static final String OTHER = "test.Other.v1";

    @EventType({OPENED, CLOSED})
    record Ticket(String id) {
    }

    @EventType(NOTED)
    record Note(String id) {
    }

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final EventDispatcher dispatcher = new EventDispatcher(new EventReader(JsonMapper.builder().build()), meters);
    /** What the handlers saw, in order: a batch as "[a, b]", a single event as "a". */
    final List<String> seen = new ArrayList<>();
    /** Ids whose handling fails (a batch containing one fails as a whole). */
    final Set<String> failing = new HashSet<>();
    /** Ids applied so far (the idempotent effect). */
    final Set<String> applied = new HashSet<>();

    EventHandlers handlers() {
        BatchHandler<Ticket> batch = events -> {
            seen.add(events.stream().map(e -> e.data().id()).toList().toString());
            events.forEach(e -> {
                if (failing.contains(e.data().id())) {
                    throw new IllegalStateException("cannot apply " + e.data().id());
                }
            });
            events.forEach(e -> applied.add(e.data().id()));
        };
        return dispatcher.handlers("batch-test").onBatch(Ticket.class, batch)
                .on(Note.class, (note, event) -> {
                    seen.add(note.id());
                    applied.add(note.id());
                })
                .build();
    }

    static IncomingEvent event(String type, String id, long offset) {
        return event(type, "{\"id\":\"" + id + "\"}", id, offset);
    }

    static IncomingEvent event(String type, String json, String subject, long offset) {
        return new IncomingEvent(UUID.randomUUID().toString(), type, "/test", subject, Instant.now(), 1, "corr", null,
                "JS-NJ-01", null, json.getBytes(StandardCharsets.UTF_8), "test.events", 0, offset);
    }

    @Test
    @DisplayName("issue 10 consecutive records of the types one batch handler reads reach it as one list in record order; an event handler's type ends the run, a skipped type does not")
    void runsKeepRecordOrder() {
        handlers().dispatchAll(List.of(event(OPENED, "a", 1), event(OTHER, "x", 2), event(CLOSED, "b", 3),
                event(NOTED, "n", 4), event(OPENED, "c", 5), event(OPENED, "d", 6)));

        assertThat(seen).containsExactly("[a, b]", "n", "[c, d]");
        assertThat(meters.find("dealer.events.handled").tag("type", OPENED).counter().count()).isEqualTo(3);
        assertThat(meters.find("dealer.events.skipped").counter().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("REL-1 a failing batch is applied again one event at a time, so the failure names exactly the one record that fails alone and the ones before it are applied")
    void failureNamesOneRecord() {
        failing.add("c");
        EventHandlers handlers = handlers();

        assertThatThrownBy(() -> handlers.dispatchAll(List.of(event(OPENED, "a", 1), event(OPENED, "b", 2),
                event(OPENED, "c", 3), event(OPENED, "d", 4))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(2);
                    assertThat(e.getCause()).hasMessage("cannot apply c");
                });
        assertThat(seen).containsExactly("[a, b, c, d]", "[a]", "[b]", "[c]");
        assertThat(applied).containsExactlyInAnyOrder("a", "b");
        assertThat(meters.find("dealer.events.batch.retried").counter().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("REL-1 a record whose payload cannot be read is named after the run before it is applied: a poison message, dead-lettered alone")
    void unreadablePayloadAfterTheRunBeforeIt() {
        EventHandlers handlers = handlers();

        assertThatThrownBy(() -> handlers.dispatchAll(List.of(event(OPENED, "a", 1), event(OPENED, "b", 2),
                event(OPENED, "{\"id\": [", "bad", 3), event(OPENED, "d", 4))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(2);
                    assertThat(e.getCause()).isInstanceOf(MalformedEventException.class);
                    assertThat(FailureKind.of(e)).isEqualTo(FailureKind.PERMANENT);
                });
        assertThat(seen).containsExactly("[a, b]");
        assertThat(applied).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    @DisplayName("issue 10 a single event of a batch-handled type (a replay) reaches the batch handler as a list of one")
    void singleEventIsAListOfOne() {
        assertThat(handlers().dispatch(event(CLOSED, "z", 9))).isTrue();
        assertThat(seen).containsExactly("[z]");
    }
}
