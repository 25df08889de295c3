package org.dealerplatform.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import org.dealerplatform.local.mongo.BsonH2Backend;

/**
 * The in-process MongoDB-wire server ({@code mongo-java-server}) on an H2 MVStore file, so the apps' data survives a
 * restart of the launcher; the apps reach it with the same driver and URIs as a real mongod. Documents and index keys
 * are stored as BSON ({@link BsonH2Backend}).
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
        BsonH2Backend backend;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            backend = new BsonH2Backend(file.toAbsolutePath().toString());
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
