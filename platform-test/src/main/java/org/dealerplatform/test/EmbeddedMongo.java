package org.dealerplatform.test;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * One in-process MongoDB-wire server per test JVM (the embedded default of docs/architecture.md), reached through the real
 * driver. Each Spring test context gets its own database on it. It lives until the JVM ends.
 */
public final class EmbeddedMongo {

    private static MongoServer server;
    private static InetSocketAddress address;

    private EmbeddedMongo() {
    }

    /** Starts the server on first use; it lives until the JVM ends. */
    public static synchronized String uri(String database) {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            address = server.bind();
            // no shutdown hook: Spring contexts close in hooks of their own and still need the server then
        }
        return "mongodb://127.0.0.1:" + address.getPort() + "/" + database;
    }
}
