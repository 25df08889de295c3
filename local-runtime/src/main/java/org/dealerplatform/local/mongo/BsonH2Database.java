package org.dealerplatform.local.mongo;

import java.lang.reflect.Field;
import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend's database with its collections and unique indexes opened on BSON types ({@link BsonDocumentType},
 * {@link BsonValueType}, {@link KeyValueType}). Map names are those of {@link H2Database}, so its drop and rename code
 * keeps working on them.
 */
final class BsonH2Database extends H2Database {

    private static final Field MV_STORE = mvStoreField();

    BsonH2Database(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = store().openMap("databases." + namespace,
                new MVMap.Builder<Object, Document>().keyType(BsonValueType.INSTANCE).valueType(BsonDocumentType.INSTANCE));
        MVMap<String, Object> meta = store().openMap("meta." + namespace);
        return new H2Collection(this, collectionName, options, data, meta, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        MVMap<KeyValue, Object> map = store().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE).valueType(BsonValueType.INSTANCE));
        return new BsonUniqueIndex(map, indexName, keys, sparse);
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
        String mapName = namespace + "._index_" + indexName;
        boolean existed = store().hasMap(mapName);
        MVMap<KeyValue, Object> map = store().openMap(mapName,
                new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE).valueType(BsonValueType.INSTANCE));
        BsonSecondaryIndex index = new BsonSecondaryIndex(map, indexName, keys, sparse);
        String dataName = "databases." + namespace;
        if (!existed && store().hasMap(dataName)) {
            MVMap<Object, Document> data = store().openMap(dataName, new MVMap.Builder<Object, Document>()
                    .keyType(BsonValueType.INSTANCE).valueType(BsonDocumentType.INSTANCE));
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
