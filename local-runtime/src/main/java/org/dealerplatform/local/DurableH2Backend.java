package org.dealerplatform.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import org.h2.mvstore.MVMap;
import org.dealerplatform.local.mongo.BsonH2Backend;
import org.dealerplatform.local.mongo.StoreSnapshot;

/**
 * The H2 MVStore backend of the embedded MongoDB-wire server (BSON-typed, {@link BsonH2Backend}) whose acknowledged
 * writes survive a {@code kill -9} of the database process (REL-5): every write command is appended to a
 * {@link WriteJournal} before it is answered, and the store is committed at a checkpoint about once a second; on open,
 * the journalled commands since the last checkpoint are applied again, in their first order.
 *
 * <p>Why not commit the store after every write command, as it did until issue 10: each commit rewrites every page the
 * command touched, up to the root of each map, as a new chunk of the file; that was two thirds of the database
 * process's CPU under load (docs/benchmarks/profile.md), and it made the file grow by gigabytes during an import. H2's own
 * background writer is off: it would commit at any moment, also in the middle of a command (a document stored but not
 * yet its index entries, found by the fault suite). Write commands run one at a time, so the journal's order is the
 * order they were applied in, and a checkpoint falls between two commands.
 *
 * <p>What replays differently: a value the server makes up while applying a command, an upsert's new {@code ObjectId}
 * or {@code $currentDate}, is made up again. The platform's writes name their {@code _id}s and times.
 *
 * <p>Neither the journal nor the store is forced to the disk ({@code fsync}): a power cut of the machine may lose the
 * last writes, which a process crash cannot (RELIABILITY.md).
 *
 * <p>REL-6: the admin command {@code {dealerBackup: "<zip path>"}} writes a consistent copy of the whole file (every
 * service's database, as of one checkpoint) while the server runs. Write commands wait only while the snapshot is taken
 * ({@link StoreSnapshot}), not while it is copied, so every write acknowledged before the answer's {@code snapshotAt}
 * is in the copy and none begun after it is; reads go on throughout.
 */
public final class DurableH2Backend extends BsonH2Backend {

    /** Commands that change data; reads and handshakes are not journalled. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropdatabase", "dropindexes", "renamecollection", "committransaction",
            "bulkwrite");

    /** The backup command's name (on the {@code admin} database). */
    static final String BACKUP_COMMAND = "dealerBackup";

    /** How often the store is committed while writes come in, and the journal size that brings a checkpoint forward. */
    static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);
    static final long CHECKPOINT_JOURNAL_BYTES = 32L << 20;
    /** How often the file is compacted, how full a chunk must be to stay, and how much one compaction rewrites. */
    static final Duration COMPACT_EVERY = Duration.ofSeconds(10);
    static final int COMPACT_FILL_RATE = 50;
    static final int COMPACT_BYTES = 8 << 20;

    /** The store's own record of its last checkpoint: the last journalled sequence in it, and the checkpoint's nonce. */
    private static final String CHECKPOINT_MAP = "dealer.checkpoint";

    /** Write commands, checkpoints and backups take it: one at a time. */
    private final ReentrantLock writes = new ReentrantLock();
    private final WriteJournal journal;
    private final MVMap<String, Long> checkpoint;
    private final ScheduledExecutorService checkpoints;
    private long sequence;
    private long checkpointed;
    private long lastCompaction = System.nanoTime();
    private volatile boolean closed;

    /**
     * Opens (or creates) the store file {@code fileName} and applies its journal; {@code durable}: as the local runtime
     * runs it (journal and checkpoints), else H2's background writer commits about once a second and nothing is
     * journalled.
     */
    public DurableH2Backend(String fileName, boolean durable) {
        super(fileName, !durable);
        if (!durable) {
            journal = null;
            checkpoint = null;
            checkpoints = null;
            return;
        }
        checkpoint = getMvStore().openMap(CHECKPOINT_MAP);
        Path journalFile = WriteJournal.fileOf(Path.of(fileName));
        replay(WriteJournal.read(journalFile));
        journal = WriteJournal.open(journalFile);
        writes.lock();
        try {
            checkpointNow();
        } finally {
            writes.unlock();
        }
        checkpoints = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mongo-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        checkpoints.scheduleWithFixedDelay(this::checkpointIfWritten, CHECKPOINT_EVERY.toMillis(),
                CHECKPOINT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (BACKUP_COMMAND.equals(command) && "admin".equals(databaseName)) {
            return backup(Path.of(String.valueOf(query.get(BACKUP_COMMAND))));
        }
        if (journal == null || !WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        boolean checkpointSoon = false;
        writes.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the database is closing");
            }
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                // also when it failed: what it did before failing (the first documents of an insert) is applied again
                journal.append(++sequence, databaseName, command, query);
                checkpointSoon = journal.size() > CHECKPOINT_JOURNAL_BYTES;
            }
        } finally {
            writes.unlock();
            if (checkpointSoon) {
                checkpoints.execute(this::checkpointIfWritten);
            }
        }
    }

    /** Applies the journalled commands the store does not hold yet: those after its checkpoint, if they follow it. */
    private void replay(WriteJournal.Contents contents) {
        long stored = checkpoint.getOrDefault("sequence", 0L);
        sequence = stored;
        if (contents.entries().isEmpty() || contents.nonce() != checkpoint.getOrDefault("nonce", 0L)) {
            // none, or the journal of another checkpoint: one already in the store (a crash right after a checkpoint)
            // or one this store never had (a file restored from a backup)
            return;
        }
        EmbeddedChannel channel = new EmbeddedChannel();
        try {
            for (WriteJournal.Entry entry : contents.entries()) {
                if (entry.sequence() <= stored) {
                    continue;
                }
                try {
                    super.handleCommand(channel, entry.database(), entry.command(), entry.query());
                } catch (RuntimeException failedTheFirstTimeToo) {
                    // it is applied as far as it was the first time
                }
                sequence = entry.sequence();
            }
        } finally {
            channel.close();
        }
    }

    private void checkpointIfWritten() {
        writes.lock();
        try {
            if (!closed && sequence != checkpointed) {
                checkpointNow();
            }
        } catch (RuntimeException e) {
            System.err.println("[mongo] checkpoint failed, the journal keeps the writes: " + e);
        } finally {
            writes.unlock();
        }
    }

    /**
     * Commits the store with the journal's position and a new nonce, then starts the journal over (hold
     * {@link #writes}). A crash between the two leaves a journal whose nonce is not the store's: its commands are all
     * in the store, and it is not replayed. Every {@link #COMPACT_EVERY} it also compacts the file, which H2's
     * background writer (off here) did before.
     */
    private void checkpointNow() {
        long nonce = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        checkpoint.put("sequence", sequence);
        checkpoint.put("nonce", nonce);
        commit();
        long now = System.nanoTime();
        if (now - lastCompaction > COMPACT_EVERY.toNanos()) {
            lastCompaction = now;
            getMvStore().compact(COMPACT_FILL_RATE, COMPACT_BYTES);
            commit();
        }
        journal.restart(nonce);
        checkpointed = sequence;
    }

    /**
     * Checkpoints and closes the store once the write commands in flight are done (SIGTERM: the server stops while
     * clients still write), so the file holds every acknowledged write and its journal is empty. Commands after it
     * fail and are retried by their clients against the restarted server.
     */
    @Override
    public void close() {
        writes.lock();
        try {
            if (journal != null && !closed) {
                checkpointNow();
            }
            closed = true;
            if (checkpoints != null) {
                checkpoints.shutdownNow();
            }
            super.close();
            if (journal != null) {
                journal.close();
            }
        } finally {
            writes.unlock();
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
        writes.lock();
        try {
            if (journal != null) {
                checkpointNow();
            } else {
                commit();
            }
            snapshot = snapshot();
            snapshotAt = System.currentTimeMillis();
            // REL-6: the restore fences skip records stamped AFTER snapshotAt (millisecond stamps). A write released in
            // this very millisecond and relayed at once would carry snapshotAt itself and escape the fence although the
            // copy lacks it, so writes wait until the clock has passed it (at most a millisecond).
            while (System.currentTimeMillis() <= snapshotAt) {
                Thread.onSpinWait();
            }
            if (journal != null) {
                // a second checkpoint, so the journal that goes on from here is not the copy's: a file restored from the
                // copy never replays writes made after it
                checkpointNow();
            }
        } finally {
            writes.unlock();
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
