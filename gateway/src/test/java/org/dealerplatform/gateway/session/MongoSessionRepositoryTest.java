package org.dealerplatform.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.dealerplatform.test.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;

import static org.assertj.core.api.Assertions.assertThat;

/** UI-1: the console's sessions in MongoDB (the in-process MongoDB-wire server the services' tests use too). */
class MongoSessionRepositoryTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private MongoClient client;
    private MongoCollection<Document> collection;
    private MongoSessionRepository repository;

    @BeforeEach
    void connect() {
        String database = "gateway-" + UUID.randomUUID();
        client = MongoClients.create(EmbeddedMongo.uri(database));
        collection = client.getDatabase(database).getCollection(MongoSessionRepository.COLLECTION);
        repository = new MongoSessionRepository(collection, Duration.ofMinutes(30), clock);
        repository.createIndexes();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    @DisplayName("UI-1 a saved session is found by its id with its attributes, times and timeout; an unknown id finds nothing")
    void savesAndFinds() {
        MapSession session = repository.createSession().block();
        session.setAttribute("user", "hq.analyst");
        session.setAttribute("roles", List.of("HQ"));
        repository.save(session).block();

        MapSession found = repository.findById(session.getId()).block();

        assertThat(found).isNotNull();
        assertThat(found.getId()).isEqualTo(session.getId());
        assertThat((String) found.getAttribute("user")).isEqualTo("hq.analyst");
        assertThat((List<String>) found.getAttribute("roles")).containsExactly("HQ");
        assertThat(found.getCreationTime()).isEqualTo(now.get());
        assertThat(found.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(repository.findById(UUID.randomUUID().toString()).block()).isNull();
        assertThat(collection.find(Filters.eq("_id", session.getId())).first())
                .containsEntry(MongoSessionRepository.EXPIRE_AT, java.util.Date.from(now.get().plus(Duration.ofMinutes(30))));
    }

    @Test
    @DisplayName("UI-1 session ids are random UUIDs, a new one per session")
    void randomIds() {
        String first = repository.createSession().block().getId();
        String second = repository.createSession().block().getId();

        assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));
    }

    @Test
    @DisplayName("UI-1 an update replaces the attributes; a changed id (sign-in) leaves the old id dead")
    void updatesAndChangesId() {
        MapSession session = repository.createSession().block();
        session.setAttribute("pending", "request");
        repository.save(session).block();

        MapSession loaded = repository.findById(session.getId()).block();
        loaded.removeAttribute("pending");
        loaded.setAttribute("context", "signed-in");
        String oldId = loaded.getId();
        String newId = loaded.changeSessionId();
        repository.save(loaded).block();

        assertThat(repository.findById(oldId).block()).isNull();
        MapSession current = repository.findById(newId).block();
        assertThat(current.getAttributeNames()).containsExactly("context");
        assertThat(collection.countDocuments()).isEqualTo(1);
    }

    @Test
    @DisplayName("UI-1 delete removes the session")
    void deletes() {
        MapSession session = repository.createSession().block();
        repository.save(session).block();

        repository.deleteById(session.getId()).block();

        assertThat(repository.findById(session.getId()).block()).isNull();
        assertThat(collection.countDocuments()).isZero();
    }

    @Test
    @DisplayName("UI-1 a session idle for its timeout is gone on read (and removed); one touched in time lives on")
    void expiresOnRead() {
        MapSession session = repository.createSession().block();
        repository.save(session).block();

        now.set(now.get().plus(Duration.ofMinutes(20)));
        MapSession touched = repository.findById(session.getId()).block();
        assertThat(touched).as("within the timeout").isNotNull();
        touched.setLastAccessedTime(now.get());
        repository.save(touched).block();

        now.set(now.get().plus(Duration.ofMinutes(29)));
        assertThat(repository.findById(session.getId()).block()).as("49 min after creation, 29 after the last use")
                .isNotNull();

        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertThat(repository.findById(session.getId()).block()).as("30 min idle").isNull();
        assertThat(collection.countDocuments()).isZero();
    }

    @Test
    @DisplayName("UI-1 a real MongoDB removes abandoned sessions itself: TTL index on expireAt")
    void ttlIndex() {
        assertThat(collection.listIndexes()).anySatisfy(index -> {
            assertThat(index.get("key", Document.class)).containsEntry(MongoSessionRepository.EXPIRE_AT, 1);
            assertThat(index.get("expireAfterSeconds", Number.class).longValue()).isZero();
        });
    }
}
