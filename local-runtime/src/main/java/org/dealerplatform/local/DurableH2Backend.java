package org.dealerplatform.local;

import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.dealerplatform.local.mongo.BsonH2Backend;

/**
 * The H2 MVStore backend of the embedded MongoDB-wire server (BSON-typed, {@link BsonH2Backend}), committing the store after every write command and
 * before the answer leaves, so a write the client saw acknowledged survives a {@code kill -9} of the database process.
 *
 * <p>Why: {@link H2Backend} leaves commits to the MVStore's background writer (about once a second), so a
 * {@code kill -9} loses up to a second of acknowledged writes (REL-5). {@code MVStore.commit()} writes the new chunk
 * to the file (the OS page cache) under the store's own lock; concurrent writers share one commit when they arrive
 * together. It does not {@code fsync}: a power cut of the machine may still lose the last writes, which a process
 * crash cannot (RELIABILITY.md gives the cost, measured by {@code DurableWritesTest}).
 */
public final class DurableH2Backend extends BsonH2Backend {

    /** Commands that change data; reads and handshakes do not pay for a commit. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropdatabase", "dropindexes", "renamecollection", "committransaction",
            "bulkwrite");

    private final boolean commitEachWrite;

    /** Opens (or creates) the store file {@code fileName}; {@code commitEachWrite}: as the local runtime runs it. */
    public DurableH2Backend(String fileName, boolean commitEachWrite) {
        super(fileName);
        this.commitEachWrite = commitEachWrite;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document answer = super.handleCommand(channel, databaseName, command, query);
        if (commitEachWrite && WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            commit();
        }
        return answer;
    }
}
