package org.dealerplatform.test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * One in-process MongoDB-wire server per test JVM (the embedded default of docs/architecture.md), reached through the real
 * driver. Each Spring test context gets its own database on it. It lives until the JVM ends; {@link MongoOutage} stops
 * and restarts it in place (same port, same data) to play a database outage.
 */
public final class EmbeddedMongo {

    /**
     * How long the driver waits for a server before it fails an operation: short, so a stopped database shows as a
     * failure (a transient one, REL-1) within a test's time rather than after the driver's default of 30 s.
     */
    static final int SERVER_SELECTION_TIMEOUT_MS = 5_000;

    private static MongoServer server;
    private static InetSocketAddress address;
    private static boolean stopped;

    private EmbeddedMongo() {
    }

    /** Starts the server on first use; it lives until the JVM ends. */
    public static synchronized String uri(String database) {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            address = server.bind();
            // no shutdown hook: Spring contexts close in hooks of their own and still need the server then
        }
        return "mongodb://127.0.0.1:" + address.getPort() + "/" + database
                + "?serverSelectionTimeoutMS=" + SERVER_SELECTION_TIMEOUT_MS;
    }

    /**
     * Stops answering: closes the listening socket and every open connection, as a database process that went away
     * would; the data stays in memory for {@link #restart()}.
     */
    static synchronized void stop() {
        if (server == null || stopped) {
            return;
        }
        Object boss = field(server, "bossGroup");
        Object workers = field(server, "workerGroup");
        server.stopListening();
        try {
            Method closeClients = MongoServer.class.getDeclaredMethod("closeClients");
            closeClients.setAccessible(true);
            closeClients.invoke(server);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot close the embedded server's connections", e);
        }
        // the event loops of the stopped server end; bind() makes new ones (the backend, with the data, stays)
        shutDown(boss);
        shutDown(workers);
        stopped = true;
    }

    /** Listens again on the same address, with the data it held when it stopped. */
    static synchronized void restart() {
        if (server == null || !stopped) {
            return;
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                server.bind(address);
                stopped = false;
                return;
            } catch (RuntimeException portNotFreeYet) {
                last = portNotFreeYet;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw portNotFreeYet;
                }
            }
        }
        throw new IllegalStateException("the embedded MongoDB-wire server could not listen again on " + address, last);
    }

    private static void shutDown(Object eventLoopGroup) {
        try {
            Object done = eventLoopGroup.getClass().getMethod("shutdownGracefully", long.class, long.class, TimeUnit.class)
                    .invoke(eventLoopGroup, 0L, 1L, TimeUnit.SECONDS);
            done.getClass().getMethod("syncUninterruptibly").invoke(done);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot stop the embedded server's event loops", e);
        }
    }

    private static Object field(MongoServer server, String name) {
        try {
            Field field = MongoServer.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(server);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the embedded server's " + name, e);
        }
    }
}
