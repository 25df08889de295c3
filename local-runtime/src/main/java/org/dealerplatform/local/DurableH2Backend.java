package org.dealerplatform.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.dealerplatform.local.mongo.BsonH2Backend;
import org.dealerplatform.local.mongo.StoreSnapshot;

/**
 * The H2 MVStore backend of the embedded MongoDB-wire server (BSON-typed, {@link BsonH2Backend}), committing the store after every write command and
 * before the answer leaves, so a write the client saw acknowledged survives a {@code kill -9} of the database process.
 *
 * <p>Why: {@link H2Backend} leaves commits to the MVStore's background writer (about once a second), so a
 * {@code kill -9} loses up to a second of acknowledged writes (REL-5). {@code MVStore.commit()} writes the new chunk
 * to the file (the OS page cache); concurrent writers share one commit when they arrive together. Commits happen only
 * between write commands (H2's background writer is off), so the file never holds a command half applied. It does not {@code fsync}: a power cut of the machine may still lose the last writes, which a process
 * crash cannot (RELIABILITY.md gives the cost, measured by {@code DurableWritesTest}).
 *
 * <p>REL-6: the admin command {@code {dealerBackup: "<zip path>"}} writes a consistent copy of the whole file (every
 * service's database, as of one commit) while the server runs. Write commands wait only while the snapshot is taken
 * ({@link StoreSnapshot}), not while it is copied, so every write acknowledged before the answer's {@code snapshotAt}
 * is in the copy and none begun after it is; reads go on throughout.
 */
public final class DurableH2Backend extends BsonH2Backend {

    /** Commands that change data; reads and handshakes do not pay for a commit. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropdatabase", "dropindexes", "renamecollection", "committransaction",
            "bulkwrite");

    /** The backup command's name (on the {@code admin} database). */
    static final String BACKUP_COMMAND = "dealerBackup";

    private final boolean commitEachWrite;
    /** Writes share it; a backup holds it alone, so the copy is one point in time. */
    private final ReadWriteLock writes = new ReentrantReadWriteLock();

    /** Opens (or creates) the store file {@code fileName}; {@code commitEachWrite}: as the local runtime runs it. */
    public DurableH2Backend(String fileName, boolean commitEachWrite) {
        super(fileName, !commitEachWrite);
        this.commitEachWrite = commitEachWrite;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (BACKUP_COMMAND.equals(command) && "admin".equals(databaseName)) {
            return backup(Path.of(String.valueOf(query.get(BACKUP_COMMAND))));
        }
        if (!WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        Document answer;
        long version;
        writes.readLock().lock();
        try {
            answer = super.handleCommand(channel, databaseName, command, query);
            version = getMvStore().getCurrentVersion(); // no commit can run while this command holds the lock
        } finally {
            writes.readLock().unlock();
        }
        if (commitEachWrite) {
            commitAfter(version);
        }
        return answer;
    }

    /**
     * Stores the command that ended in {@code version}, at a moment no write command is half done: a commit taken while
     * another command had put a document but not yet its index entries stored exactly that, and a {@code kill -9}
     * right after it left a document its {@code _id} index did not know (REL-5, found by the fault suite). Concurrent
     * writers share commits: a commit after this command's end already stored it. Every {@link #COMPACT_EVERY} it also
     * compacts the file, which H2's background writer (off here: it would commit at any moment) did before.
     */
    private void commitAfter(long version) {
        if (getMvStore().getCurrentVersion() > version) {
            return;
        }
        writes.writeLock().lock();
        try {
            if (getMvStore().getCurrentVersion() == version) {
                commit();
                long now = System.nanoTime();
                if (now - lastCompaction > COMPACT_EVERY.toNanos()) {
                    lastCompaction = now;
                    getMvStore().compact(COMPACT_FILL_RATE, COMPACT_BYTES);
                    commit();
                }
            }
        } finally {
            writes.writeLock().unlock();
        }
    }

    /** How often the file is compacted, how full a chunk must be to stay, and how much one compaction rewrites. */
    static final java.time.Duration COMPACT_EVERY = java.time.Duration.ofSeconds(10);
    static final int COMPACT_FILL_RATE = 50;
    static final int COMPACT_BYTES = 8 << 20;
    private long lastCompaction = System.nanoTime();

    /**
     * Closes (and so commits) the store once the write commands in flight are done (SIGTERM: the server stops while
     * clients still write), so the close never stores a command half applied. Commands after it fail and are retried
     * by their clients against the restarted server.
     */
    @Override
    public void close() {
        writes.writeLock().lock();
        try {
            super.close();
        } finally {
            writes.writeLock().unlock();
        }
    }

    /**
     * Copies the store, as of now, into a zip at {@code target}; answers {@code {ok, snapshotAt, bytes, entries}}. Writes
     * wait only while the snapshot is taken (a commit and one root reference per map); the copy is written from the
     * snapshot while they go on, so a backup no longer stops the platform for as long as the file takes to copy.
     */
    private Document backup(Path target) {
        long snapshotAt;
        StoreSnapshot snapshot;
        writes.writeLock().lock();
        try {
            commit();
            snapshot = snapshot();
            snapshotAt = System.currentTimeMillis();
            // REL-6: the restore fences skip records stamped AFTER snapshotAt (millisecond stamps). A write released in
            // this very millisecond and relayed at once would carry snapshotAt itself and escape the fence although the
            // copy lacks it, so writes wait until the clock has passed it (at most a millisecond).
            while (System.currentTimeMillis() <= snapshotAt) {
                Thread.onSpinWait();
            }
        } finally {
            writes.writeLock().unlock();
        }
        try (snapshot) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path store = target.resolveSibling(target.getFileName() + ".mv.db");
            long entries = snapshot.writeTo(store);
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
                // a plain copy here, the backup command compresses it afterwards
                zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
                zip.putNextEntry(new ZipEntry(EmbeddedMongo.FILE_NAME));
                Files.copy(store, zip);
                zip.closeEntry();
            } finally {
                Files.deleteIfExists(store);
            }
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Document answer = new Document("ok", 1.0);
            answer.put("snapshotAt", snapshotAt);
            answer.put("bytes", Files.size(target));
            answer.put("entries", entries);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("backup to " + target + " failed: " + e.getMessage(), e);
        }
    }
}
