package org.dealerplatform.local.mongo;

import java.lang.reflect.Field;
import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend's database with its collections and unique indexes opened on BSON types ({@link BsonType}). Map names are
 * those of {@link H2Database}, so its drop and rename code keeps working on them.
 */
final class BsonH2Database extends H2Database {

    /** A collection's documents are in the map {@code databases.<db>.<collection>}. */
    static final String DATA_PREFIX = "databases.";
    /** An index's entries are in the map {@code <db>.<collection>._index_<name>}. */
    static final String INDEX_INFIX = "._index_";

    private static final Field MV_STORE = mvStoreField();

    BsonH2Database(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = store().openMap(DATA_PREFIX + namespace,
                new MVMap.Builder<Object, Document>().keyType(BsonType.VALUE).valueType(BsonType.DOCUMENT));
        MVMap<String, Object> meta = store().openMap("meta." + namespace);
        return new SnapshotSafeCollection(this, collectionName, options, data, meta, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<KeyValue, Object> map = store().openMap(namespace + INDEX_INFIX + indexName,
                new MVMap.Builder<KeyValue, Object>().keyType(BsonType.KEY).valueType(BsonType.VALUE));
        BsonUniqueIndex index = new BsonUniqueIndex(map, indexName, keys, sparse);
        String dataName = DATA_PREFIX + namespace;
        if (!sparse && store().hasMap(dataName)) {
            MVMap<Object, Document> data = store().openMap(dataName, new MVMap.Builder<Object, Document>()
                    .keyType(BsonType.VALUE).valueType(BsonType.DOCUMENT));
            // one entry per document, except where a document has several keys (an array: counted only then)
            if (map.sizeAsLong() != data.sizeAsLong() && (indexName.equals("_id_") || map.sizeAsLong() != keysOf(index, data))) {
                rebuild(index, map, data, namespace);
            }
        }
        return index;
    }

    /**
     * REL-5: a non-sparse unique index holds exactly one entry per document. A file where it does not (a write stored
     * half done when the database process died: the document without its {@code _id} entry, or the other way round)
     * would answer "not found" for a stored document, and an upsert of it then failed for good ("Document with key ...
     * already existed"). Such an index is rebuilt from the documents when the database opens, like a real server's
     * recovery; the next commit stores it.
     */
    private static long keysOf(BsonUniqueIndex index, MVMap<Object, Document> data) {
        long keys = 0;
        for (Document document : data.values()) {
            keys += index.getKeyValues(document).size();
        }
        return keys;
    }

    private static void rebuild(BsonUniqueIndex index, MVMap<KeyValue, Object> map, MVMap<Object, Document> data,
            String namespace) {
        long entries = map.sizeAsLong();
        map.clear();
        data.forEach((position, document) -> index.getKeyValues(document).forEach(key -> index.putKeyPosition(key, position)));
        System.err.printf("[mongo] index %s of %s held %d entries for %d documents: rebuilt from the documents (%d)%n",
                index.getName(), namespace, entries, data.sizeAsLong(), map.sizeAsLong());
    }

    /**
     * Secondary (non-unique) indexes, which the stock server ignores (see {@link BsonSecondaryIndex}). An index whose map
     * does not exist yet on a collection that already holds documents (a data file written before this index type) is
     * built from the collection here, so it never answers with fewer documents than a scan would.
     */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        if (!SECONDARY_INDEXES) {
            return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
        }
        String namespace = getFullCollectionNamespace(collectionName);
        String mapName = namespace + INDEX_INFIX + indexName;
        boolean existed = store().hasMap(mapName);
        MVMap<KeyValue, Object> map = store().openMap(mapName,
                new MVMap.Builder<KeyValue, Object>().keyType(BsonType.KEY).valueType(BsonType.VALUE));
        BsonSecondaryIndex index = new BsonSecondaryIndex(map, indexName, keys, sparse);
        String dataName = DATA_PREFIX + namespace;
        if (!existed && store().hasMap(dataName)) {
            MVMap<Object, Document> data = store().openMap(dataName, new MVMap.Builder<Object, Document>()
                    .keyType(BsonType.VALUE).valueType(BsonType.DOCUMENT));
            data.forEach((position, document) -> index.add(document, position));
        }
        return index;
    }

    /** {@code -Ddealer.mongo.secondary-indexes=false} goes back to the stock behaviour (secondary indexes ignored). */
    static final boolean SECONDARY_INDEXES = !"false".equals(System.getProperty("dealer.mongo.secondary-indexes"));

    /** The superclass's store: it is set before its constructor opens the collections, which calls the methods above. */
    private MVStore store() {
        try {
            return (MVStore) MV_STORE.get(this);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field mvStoreField() {
        try {
            Field field = H2Database.class.getDeclaredField("mvStore");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("mongo-java-server's H2Database changed: no mvStore field", e);
        }
    }
}
