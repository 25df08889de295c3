package org.dealerplatform.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dealerplatform.platform.events.EventReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import tools.jackson.databind.json.JsonMapper;

/** Issue 14: a listener declares only its topics and typed handlers; the base is the Kafka listener around them. */
class EventsListenerTest {

    @EventType(BatchDispatchTest.NOTED)
    record Note(String id) {
    }

    final EventDispatcher dispatcher = new EventDispatcher(new EventReader(JsonMapper.builder().build()),
            new SimpleMeterRegistry());
    final List<String> seen = new ArrayList<>();

    /** A listener as the services write them: handlers and topics, nothing else. */
    class NotesListener extends EventsListener {
        NotesListener(String... topics) {
            super(dispatcher.handlers("notes").on(Note.class, (note, event) -> {
                if (note.id().equals("bad")) {
                    throw new IllegalStateException("cannot apply " + note.id());
                }
                seen.add(note.id());
            }), topics);
        }
    }

    @Test
    @DisplayName("issue 14 the @KafkaListener reads the topics the listener declares, from the listener bean")
    void topicsComeFromTheListener() throws NoSuchMethodException {
        KafkaListener kafka = EventsListener.class.getMethod("on", List.class).getAnnotation(KafkaListener.class);
        assertThat(kafka.topics()).containsExactly("#{__listener.topics}");
        NotesListener listener = new NotesListener("test.events", "other.events");
        assertThat(listener.getTopics()).containsExactly("test.events", "other.events");
        listener.getTopics()[0] = "changed";
        assertThat(listener.getTopics()).containsExactly("test.events", "other.events");
        assertThatThrownBy(NotesListener::new).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("issue 14 events reach the typed handlers in order, unknown types are skipped, and a failure names its record (REL-1)")
    void eventsReachTheHandlers() {
        NotesListener listener = new NotesListener("test.events");
        listener.apply(BatchDispatchTest.event(BatchDispatchTest.NOTED, "a", 1));
        listener.applyAll(List.of(BatchDispatchTest.event(BatchDispatchTest.OTHER, "x", 2),
                BatchDispatchTest.event(BatchDispatchTest.NOTED, "b", 3)));
        assertThat(seen).containsExactly("a", "b");

        assertThatThrownBy(() -> listener.applyAll(List.of(BatchDispatchTest.event(BatchDispatchTest.NOTED, "c", 4),
                BatchDispatchTest.event(BatchDispatchTest.NOTED, "bad", 5))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isEqualTo(1));
        assertThat(seen).containsExactly("a", "b", "c");
    }
}
