package org.dealerplatform.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A {@link MongoTemplate} on a test database whose commands are recorded, to prove that a path reads by index keys
 * only: the embedded server uses an index only for a filter whose keys equal a unique index's keys, and scans the
 * collection for any other filter. Build the components under test on {@link #template()}.
 */
public final class MongoCommands implements CommandListener, AutoCloseable {

    /**
     * One command sent (one per statement of an update or delete): its name, the collection it targets and the keys of
     * its filter.
     */
    public record Sent(String name, String collection, List<String> filterKeys) {
    }

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final MongoClient client;
    private final MongoTemplate template;

    private MongoCommands(String uri) {
        ConnectionString connection = new ConnectionString(uri);
        client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(connection)
                .addCommandListener(this).build());
        template = new MongoTemplate(client, connection.getDatabase());
    }

    /** Records the commands sent to the database of {@code uri} (e.g. the test context's {@code spring.mongodb.uri}). */
    public static MongoCommands watch(String uri) {
        return new MongoCommands(uri);
    }

    public MongoTemplate template() {
        return template;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        String name = event.getCommandName();
        String collection = command.isString(name) ? command.getString(name).getValue() : "";
        // the command's buffer is released after the event: copy what the assertions need now
        boolean statements = false;
        for (String batch : List.of("updates", "deletes")) {
            if (command.isArray(batch)) {
                statements = true;
                command.getArray(batch).forEach(statement -> {
                    BsonDocument one = statement.asDocument();
                    List<String> keys = one.isDocument("q") ? List.copyOf(one.getDocument("q").keySet()) : List.of();
                    sent.add(new Sent(name, collection, keys));
                });
            }
        }
        if (!statements) {
            List<String> keys = command.isDocument("filter") ? List.copyOf(command.getDocument("filter").keySet())
                    : command.isDocument("query") ? List.copyOf(command.getDocument("query").keySet()) : List.of();
            sent.add(new Sent(name, collection, keys));
        }
    }

    /** Forgets what was recorded so far. */
    public void clear() {
        sent.clear();
    }

    /** The commands sent to {@code collection} since the last {@link #clear()}. */
    public List<Sent> to(String collection) {
        synchronized (sent) {
            return sent.stream().filter(s -> s.collection().equals(collection)).toList();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
