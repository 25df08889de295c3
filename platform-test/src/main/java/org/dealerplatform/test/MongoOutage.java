package org.dealerplatform.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * REL-1: a database outage in a test. A context started with {@link Initializer} reaches the {@link EmbeddedMongo}
 * server through a TCP relay of this class; {@link #begin()} closes the relay's listening socket and every open
 * connection, as when the database process goes away (connections reset, new ones refused); {@link #end()} listens
 * again on the same port, and the data is all there. Other contexts, which connect directly, are not affected.
 *
 * <p>The driver of such a context gives up selecting a server after 5 s instead of 30 s, so an outage shows as failures
 * (transient ones) within a test's time.
 */
public final class MongoOutage implements AutoCloseable {

    private static Relay relay;

    private final Instant began = Instant.now();
    private boolean ended;

    private MongoOutage() {
    }

    /** Points a test context at its own fresh database, through the relay that {@link #begin()} cuts. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String database = "outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            TestPropertyValues.of("spring.mongodb.uri=" + uri(database)).applyTo(context);
        }
    }

    /** A URI of {@code database} on the embedded server, through the relay. */
    public static synchronized String uri(String database) {
        if (relay == null) {
            URI direct = URI.create(EmbeddedMongo.uri(database));
            relay = new Relay(direct.getPort());
            relay.listen(0);
        }
        return "mongodb://127.0.0.1:" + relay.port + "/" + database + "?serverSelectionTimeoutMS=5000";
    }

    /** Stops the database now, for every context connected through the relay. */
    public static synchronized MongoOutage begin() {
        if (relay == null) {
            throw new IllegalStateException("no context reaches the database through MongoOutage.Initializer");
        }
        relay.cut();
        return new MongoOutage();
    }

    /** How long the database has been away. */
    public Duration elapsed() {
        return Duration.between(began, Instant.now());
    }

    /** Starts the database again (once). */
    public void end() {
        synchronized (MongoOutage.class) {
            if (!ended) {
                relay.listen(relay.port);
                ended = true;
            }
        }
    }

    @Override
    public void close() {
        end();
    }

    /** Forwards connections from its port to the server's; {@link #cut()} drops them all and stops listening. */
    private static final class Relay {
        private final int target;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile ServerSocket listening;
        private int port;

        Relay(int target) {
            this.target = target;
        }

        void listen(int onPort) {
            IOException last = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    ServerSocket socket = new ServerSocket();
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
                    listening = socket;
                    port = socket.getLocalPort();
                    daemon("mongo-outage-accept", () -> accept(socket));
                    return;
                } catch (IOException e) {
                    last = e;
                    sleep(100);
                }
            }
            throw new IllegalStateException("the outage relay cannot listen on " + onPort, last);
        }

        void cut() {
            try {
                listening.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            for (Socket socket : open) {
                closeQuietly(socket);
            }
            open.clear();
        }

        private void accept(ServerSocket socket) {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                    client.setTcpNoDelay(true);
                    server.setTcpNoDelay(true);
                    open.add(client);
                    open.add(server);
                    daemon("mongo-outage-up", () -> pump(client, server));
                    daemon("mongo-outage-down", () -> pump(server, client));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // one side went away: so does the other
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        private static void daemon(String name, Runnable task) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
