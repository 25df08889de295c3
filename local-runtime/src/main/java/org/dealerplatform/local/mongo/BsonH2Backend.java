package org.dealerplatform.local.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, storing documents and index keys as BSON (issue 10). The stock backend opens its
 * maps with H2's {@code ObjectDataType}, which handles the server's documents and index keys with Java serialization:
 * on every page write and, for index keys, on every comparison of every lookup. Profiled under load that was about
 * 60 % of the embedded server's CPU. Files written by the stock backend are not readable by this one, and the other
 * way round: the local runtime keeps this backend's data in a file of its own name.
 */
public class BsonH2Backend extends H2Backend {

    /** H2's page cache, in MiB: the hot working set of a group's first day (issue 10), instead of H2's 16. */
    static final int CACHE_MIB = 48;
    /**
     * Rewrite a chunk once less than this share of it is live (H2: 90 %): compaction rewrote pages over and over
     * under a steady write load, for a file a little larger.
     */
    static final int AUTO_COMPACT_FILL_RATE = 50;
    /**
     * A page is split beyond this size (H2: 16 KiB). A checkpoint writes every page changed since the last one whole,
     * encoding each document in it again; writes land at random {@code _id}s, so with H2's size nearly every changed
     * document cost a dozen unchanged ones. 4 KiB: the database's CPU per write command 0.31 ms instead of 0.42 ms in
     * the same run (issue 10, docs/benchmarks/profile.md).
     */
    static final int PAGE_SPLIT_BYTES = 4 * 1024;

    /** Opens (or creates) the MVStore file {@code fileName}, committed by H2's background writer about once a second. */
    public BsonH2Backend(String fileName) {
        this(fileName, true);
    }

    /**
     * Opens (or creates) the MVStore file {@code fileName}; without {@code backgroundCommits} nothing is stored until
     * the owner calls {@link #commit()} (and compacts: H2's background writer also does that). Nor does a write store
     * the pages it leaves unsaved once they pass H2's buffer (19 MiB by default): that would store a command half
     * applied, in the middle of the writer's thread ({@code autoCommitBufferSize(0)}).
     */
    protected BsonH2Backend(String fileName, boolean backgroundCommits) {
        super(backgroundCommits
                ? new MVStore.Builder().fileName(fileName).cacheSize(CACHE_MIB).autoCompactFillRate(AUTO_COMPACT_FILL_RATE).open()
                : new MVStore.Builder().fileName(fileName).cacheSize(CACHE_MIB).pageSplitSize(PAGE_SPLIT_BYTES).autoCommitDisabled().autoCommitBufferSize(0).open());
    }

    /** Runs on an MVStore opened by the caller (tests: an in-memory store). */
    public BsonH2Backend(MVStore store) {
        super(store);
    }

    /** A backend on a fresh in-memory store. */
    public static BsonH2Backend inMemory() {
        return new BsonH2Backend(MVStore.open(null));
    }

    /**
     * Every map of the store as of now, to read while writes go on ({@link StoreSnapshot}); call it while no write
     * command runs, and close it when done.
     */
    public StoreSnapshot snapshot() {
        return new StoreSnapshot(getMvStore());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new BsonH2Database(databaseName, getMvStore(), getCursorRegistry());
    }
}
