package org.dealerplatform.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import org.dealerplatform.local.mongo.BsonH2Backend;

/**
 * The MongoDB-wire server ({@code mongo-java-server}) on an H2 MVStore file, so the apps' data survives a restart of
 * the launcher; the apps reach it with the same driver and URIs as a real mongod. The launcher runs it as a child
 * process of its own ({@link MongoProcess} runs {@link #main}), so the database can be stopped, killed and restarted
 * on its own like a real mongod (REL-5); {@link #start} runs it in the calling JVM (tests of the store itself).
 *
 * <p>Documents and index keys are stored as BSON ({@link BsonH2Backend}). Every write command is committed to the file
 * before it is acknowledged ({@link DurableH2Backend}), unless {@code -Ddealer.mongo.commit=background} leaves it to
 * H2's one-second background commit.
 */
public final class EmbeddedMongo implements AutoCloseable {

    /**
     * The data file's name in the data dir's {@code mongo/} folder. Named after its format: a file of the stock H2
     * backend ({@code dealer-platform.mv}, before issue 10) is not readable by this one and is left alone.
     */
    public static final String FILE_NAME = "dealer-platform-bson.mv";

    private final MongoServer server;
    private final Path file;
    private final String host;
    private final int port;

    private EmbeddedMongo(MongoServer server, Path file, String host, int port) {
        this.server = server;
        this.file = file;
        this.host = host;
        this.port = port;
    }

    /** Opens (or creates) {@code file} and listens on {@code host:port}. */
    public static EmbeddedMongo start(Path file, String host, int port) {
        return start(file, host, port, true);
    }

    /** As {@link #start(Path, String, int)}; {@code commitEachWrite} false leaves commits to H2's background writer. */
    static EmbeddedMongo start(Path file, String host, int port, boolean commitEachWrite) {
        BsonH2Backend backend;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            backend = new DurableH2Backend(file.toAbsolutePath().toString(), commitEachWrite);
        } catch (IOException | RuntimeException e) {
            throw new LaunchException("cannot open the MongoDB data file " + file + ": " + e.getMessage()
                    + " (is another launcher using this data dir?)", e);
        }
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw new LaunchException("cannot listen for MongoDB on " + host + ":" + port + ": " + e.getMessage()
                    + " (port in use? pick another with --base-port or DEALER_MONGO_PORT)", e);
        }
        return new EmbeddedMongo(server, file, host, server.getLocalAddress().getPort());
    }

    /**
     * The database process: {@code EmbeddedMongo <file> <host> <port>}. Prints {@link #READY} once it listens; SIGTERM
     * closes the server and commits the file.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: EmbeddedMongo <h2 file> <host> <port>");
            System.exit(2);
        }
        boolean commitEachWrite = !"background".equals(System.getProperty("dealer.mongo.commit"));
        EmbeddedMongo mongo;
        try {
            mongo = start(Path.of(args[0]), args[1], Integer.parseInt(args[2]), commitEachWrite);
        } catch (LaunchException e) {
            System.err.println("[mongo] " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "mongo-stop"));
        System.out.println(READY + " " + mongo.port() + " commit=" + (commitEachWrite ? "each-write" : "background"));
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await();
    }

    /** The line {@link #main} prints once it listens. */
    static final String READY = "[mongo] ready on port";

    /** The port actually bound. */
    public int port() {
        return port;
    }

    /** The H2 file holding every database. */
    public Path file() {
        return file;
    }

    /** {@code mongodb://host:port/<database>}. */
    public String uri(String database) {
        return "mongodb://" + host + ":" + port + "/" + database;
    }

    /** Closes client connections, stops listening and closes (commits) the H2 file. */
    @Override
    public void close() {
        server.shutdownNow();
    }
}
