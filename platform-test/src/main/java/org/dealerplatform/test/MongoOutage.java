package org.dealerplatform.test;

import java.time.Duration;
import java.time.Instant;

/**
 * REL-1: a database outage in a test. {@link #begin()} stops the in-process {@link EmbeddedMongo} server: its listening
 * socket and every open connection close, as when the database process goes away (connections reset, new ones
 * refused; the driver gives up selecting a server after 5 s). {@link #end()} or {@link #close()} starts it again on the
 * same port with the same data. Every context of the test JVM shares that server, so always end it
 * (try-with-resources).
 */
public final class MongoOutage implements AutoCloseable {

    private final Instant began = Instant.now();
    private boolean ended;

    private MongoOutage() {
    }

    /** Stops the database now. */
    public static MongoOutage begin() {
        EmbeddedMongo.stop();
        return new MongoOutage();
    }

    /** How long the database has been away. */
    public Duration elapsed() {
        return Duration.between(began, Instant.now());
    }

    /** Starts the database again (once). */
    public synchronized void end() {
        if (!ended) {
            EmbeddedMongo.restart();
            ended = true;
        }
    }

    @Override
    public void close() {
        end();
    }
}
