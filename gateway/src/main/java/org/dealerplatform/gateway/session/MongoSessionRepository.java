package org.dealerplatform.gateway.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Binary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveSessionRepository;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The console's sessions (UI-1) in MongoDB, so any gateway instance serves any signed-in browser: one document per
 * session in {@value #COLLECTION}, {@code _id} the session id (Spring Session's random UUID, never guessable from
 * another one), the attributes (Spring Security's context, the OAuth2 authorized client with its tokens, a pending
 * authorization request, ...) as one JDK-serialized map.
 * <p>
 * Driver: the MongoDB <em>sync</em> driver, each call on {@link Schedulers#boundedElastic()} so no Netty event loop
 * ever blocks. The services already use this driver (through Spring Data MongoDB), the calls are single-document
 * reads and writes by {@code _id}, one or two per console request, so a pooled worker thread costs little and the
 * reactive-streams driver's second connection stack would buy nothing here.
 * <p>
 * Expiry: a session is dead once {@code lastAccessedTime + maxInactiveInterval} has passed. That is checked on every
 * read (a dead session is deleted and not returned), because not every MongoDB-wire server runs TTL indexes; on a real
 * MongoDB the TTL index on {@code expireAt} removes abandoned sessions as well. Saves replace the whole document
 * (last write wins); reads and deletes go by {@code _id} only.
 */
public class MongoSessionRepository implements ReactiveSessionRepository<MapSession> {

    /** The collection holding the console's sessions. */
    public static final String COLLECTION = "console_sessions";

    private static final Logger LOG = LoggerFactory.getLogger(MongoSessionRepository.class);

    static final String CREATED = "created";
    static final String LAST_ACCESSED = "lastAccessed";
    static final String MAX_INACTIVE_SECONDS = "maxInactiveSeconds";
    static final String EXPIRE_AT = "expireAt";
    static final String ATTRIBUTES = "attributes";

    private final MongoCollection<Document> sessions;
    private final Duration maxInactiveInterval;
    private final Clock clock;
    private final Scheduler scheduler = Schedulers.boundedElastic();

    public MongoSessionRepository(MongoCollection<Document> sessions, Duration maxInactiveInterval, Clock clock) {
        this.sessions = sessions;
        this.maxInactiveInterval = maxInactiveInterval;
        this.clock = clock;
    }

    /**
     * The TTL index for a real MongoDB (removes a document once its {@code expireAt} has passed); call once at start.
     * A server that refuses it only loses the clean-up of abandoned sessions: expiry is checked on every read anyway.
     */
    public void createIndexes() {
        try {
            sessions.createIndex(Indexes.ascending(EXPIRE_AT),
                    new IndexOptions().name("console_sessions_ttl").expireAfter(0L, TimeUnit.SECONDS));
        } catch (MongoException e) {
            LOG.warn("no TTL index on {}.{}: abandoned sessions stay until read ({})", sessions.getNamespace(),
                    EXPIRE_AT, e.getMessage());
        }
    }

    @Override
    public Mono<MapSession> createSession() {
        return Mono.fromSupplier(() -> {
            MapSession session = new MapSession(); // id: a random UUID (Spring Session's default generator)
            session.setCreationTime(clock.instant());
            session.setLastAccessedTime(session.getCreationTime());
            session.setMaxInactiveInterval(maxInactiveInterval);
            return session;
        });
    }

    @Override
    public Mono<Void> save(MapSession session) {
        return Mono.<Void>fromRunnable(() -> {
            if (session.getOriginalId() != null && !session.getId().equals(session.getOriginalId())) {
                // the id changed (sign-in rotates it against session fixation): the old id must no longer work
                sessions.deleteOne(Filters.eq("_id", session.getOriginalId()));
            }
            sessions.replaceOne(Filters.eq("_id", session.getId()), toDocument(session),
                    new ReplaceOptions().upsert(true));
        }).subscribeOn(scheduler);
    }

    @Override
    public Mono<MapSession> findById(String id) {
        return Mono.fromCallable(() -> {
            Document document = sessions.find(Filters.eq("_id", id)).first();
            if (document == null) {
                return null;
            }
            MapSession session = fromDocument(document);
            if (!session.getLastAccessedTime().plus(session.getMaxInactiveInterval()).isAfter(clock.instant())) {
                sessions.deleteOne(Filters.eq("_id", id));
                return null;
            }
            return session;
        }).subscribeOn(scheduler);
    }

    @Override
    public Mono<Void> deleteById(String id) {
        return Mono.<Void>fromRunnable(() -> sessions.deleteOne(Filters.eq("_id", id))).subscribeOn(scheduler);
    }

    private static Document toDocument(MapSession session) {
        Map<String, Object> attributes = new HashMap<>();
        session.getAttributeNames().forEach(name -> attributes.put(name, session.getAttribute(name)));
        Instant expireAt = session.getLastAccessedTime().plus(session.getMaxInactiveInterval());
        return new Document("_id", session.getId())
                .append(CREATED, Date.from(session.getCreationTime()))
                .append(LAST_ACCESSED, Date.from(session.getLastAccessedTime()))
                .append(MAX_INACTIVE_SECONDS, session.getMaxInactiveInterval().toSeconds())
                .append(EXPIRE_AT, Date.from(expireAt))
                .append(ATTRIBUTES, new Binary(serialize(attributes)));
    }

    private static MapSession fromDocument(Document document) {
        MapSession session = new MapSession(document.getString("_id")); // originalId = id: a later change is seen
        session.setCreationTime(document.getDate(CREATED).toInstant());
        session.setLastAccessedTime(document.getDate(LAST_ACCESSED).toInstant());
        session.setMaxInactiveInterval(Duration.ofSeconds(document.get(MAX_INACTIVE_SECONDS, Number.class).longValue()));
        deserialize(document.get(ATTRIBUTES, Binary.class).getData()).forEach(session::setAttribute);
        return session;
    }

    private static byte[] serialize(Map<String, Object> attributes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(attributes);
        } catch (IOException e) {
            throw new IllegalStateException("a session attribute is not serializable", e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deserialize(byte[] data) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return (Map<String, Object>) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("a stored session cannot be read", e);
        }
    }
}
