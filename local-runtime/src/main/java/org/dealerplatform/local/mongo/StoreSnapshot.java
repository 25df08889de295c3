package org.dealerplatform.local.mongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RootReference;

/**
 * Every map of a store as of one moment, readable while writes go on (REL-6: a backup that does not hold the
 * platform's writes). Taking it costs one root reference per map; H2 keeps the pinned version's pages (its
 * copy-on-write B-trees never change a page in place, and a registered version is not dropped) until {@link #close()}.
 * Take it while no write command is half done, so it holds whole commands only.
 */
public final class StoreSnapshot implements AutoCloseable {

    /** Documents are committed to the copy in steps of this many entries, so its memory stays small. */
    private static final int ENTRIES_PER_COMMIT = 10_000;

    private final MVStore store;
    private final MVStore.TxCounter pin;
    private final Map<String, RootReference<Object, Object>> roots = new LinkedHashMap<>();

    StoreSnapshot(MVStore store) {
        this.store = store;
        opened(store, 1); // before the roots: from here on no write may change a stored document in place
        this.pin = store.registerVersionUsage();
        try {
            for (String name : store.getMapNames()) {
                MVMap<Object, Object> map = store.openMap(name, builderFor(name));
                roots.put(name, map.flushAndGetRoot());
            }
        } catch (RuntimeException e) {
            store.deregisterVersionUsage(pin);
            opened(store, -1);
            throw e;
        }
    }

    /** Open snapshots per store (REL-6: {@link SnapshotSafeCollection} copies documents while there are any). */
    private static final Map<MVStore, Integer> OPEN = new java.util.WeakHashMap<>();

    private static void opened(MVStore store, int change) {
        synchronized (OPEN) {
            OPEN.merge(store, change, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /** Whether a snapshot of {@code store} is open. */
    static boolean openOn(MVStore store) {
        synchronized (OPEN) {
            return OPEN.containsKey(store);
        }
    }

    /**
     * Writes the snapshot into a new store file at {@code file} (replaced if present): the same maps under the same
     * names and types, so {@link BsonH2Backend} opens it as it opens the original. Returns the entries written.
     */
    public long writeTo(Path file) {
        long entries = 0;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MVStore copy = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        try {
            for (Map.Entry<String, RootReference<Object, Object>> map : roots.entrySet()) {
                MVMap<Object, Object> target = copy.openMap(map.getKey(), builderFor(map.getKey()));
                Cursor<Object, Object> cursor = new Cursor<>(map.getValue(), null, null);
                while (cursor.hasNext()) {
                    Object key = cursor.next();
                    target.put(key, cursor.getValue());
                    if (++entries % ENTRIES_PER_COMMIT == 0) {
                        copy.commit();
                    }
                }
            }
            copy.commit();
        } finally {
            copy.close();
        }
        return entries;
    }

    @Override
    public void close() {
        store.deregisterVersionUsage(pin);
        opened(store, -1);
    }

    /**
     * The key and value types of a map by its name, as {@link BsonH2Database} opens them: a collection's documents
     * ({@code databases.<db>.<collection>}), an index ({@code <namespace>._index_<name>}); anything else (the
     * collections' {@code meta.} maps) with H2's default types.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static MVMap.Builder<Object, Object> builderFor(String name) {
        if (name.contains(BsonH2Database.INDEX_INFIX)) {
            return (MVMap.Builder) new MVMap.Builder<KeyValue, Object>().keyType(BsonType.KEY)
                    .valueType(BsonType.VALUE);
        }
        if (name.startsWith(BsonH2Database.DATA_PREFIX)) {
            return (MVMap.Builder) new MVMap.Builder<Object, Document>().keyType(BsonType.VALUE)
                    .valueType(BsonType.DOCUMENT);
        }
        return new MVMap.Builder<>();
    }
}
