package org.dealerplatform.local.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A non-unique (secondary) index in the H2 file, which mongo-java-server does not have: it ignores such indexes, so
 * every query not on {@code _id} or a unique index scanned its whole collection and grew with the data (issue 10).
 *
 * <p>Each entry's key is the indexed values followed by the document's {@code _id} (so equal values stay apart), its
 * value the document's position. A query uses the index when it gives plain values (equality, not operators, regexes
 * or null) for the index's leading fields: the entries with that prefix are one range of the map. The collection
 * matches the documents found against the whole query, so the index only has to return every candidate. Arrays are
 * indexed per element, as MongoDB's multikey indexes are.
 */
final class BsonSecondaryIndex extends Index<Object> {

    private final MVMap<KeyValue, Object> map;

    BsonSecondaryIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    @Override
    public boolean isUnique() {
        return false;
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // no constraint
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        add(document, position);
    }

    /** Indexes {@code document}, stored at {@code position}. */
    synchronized void add(Document document, Object position) {
        if (isSparse() && hasNoIndexedValue(document)) {
            return;
        }
        Object id = document.get("_id");
        for (KeyValue values : getKeyValues(document)) {
            map.put(entryKey(values, id), Missing.ofNullable(position));
        }
    }

    @Override
    public synchronized Object remove(Document document) {
        if (isSparse() && hasNoIndexedValue(document)) {
            return null;
        }
        Object id = document.get("_id");
        Object position = null;
        for (KeyValue values : getKeyValues(document)) {
            Object removed = map.remove(entryKey(values, id));
            if (removed != null) {
                position = removed;
            }
        }
        return position != null ? position : Missing.ofNullable(id);
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // no constraint
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        if (nullAwareEqualsKeys(oldDocument, newDocument)) {
            return;
        }
        remove(oldDocument);
        add(newDocument, position);
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return prefix(query) != null;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        KeyValue prefix = prefix(query);
        List<Object> positions = new ArrayList<>();
        Iterator<KeyValue> keys = map.keyIterator(prefix);
        while (keys.hasNext()) {
            KeyValue key = keys.next();
            if (!startsWith(key, prefix)) {
                break;
            }
            positions.add(map.get(key));
        }
        return positions;
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        map.clear();
    }

    /** The normalised values the query gives for the index's leading fields; null when it gives none usable. */
    private KeyValue prefix(Document query) {
        List<Object> values = new ArrayList<>();
        for (String key : keys()) {
            if (!query.containsKey(key)) {
                break;
            }
            Object value = query.get(key);
            if (!isPlain(value)) {
                break;
            }
            values.add(value);
        }
        return values.isEmpty() ? null : new KeyValue(values).normalized();
    }

    private static boolean isPlain(Object value) {
        if (value == null || value instanceof Missing || value instanceof Pattern || value instanceof Collection<?>) {
            return false;
        }
        // not an operator ({$gt: …}) nor a whole embedded document (matched exactly, not worth the risk)
        return !(value instanceof Document);
    }

    private static boolean startsWith(KeyValue key, KeyValue prefix) {
        if (key.size() <= prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (BsonType.ORDER.compare(key.get(i), prefix.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static KeyValue entryKey(KeyValue values, Object id) {
        List<Object> parts = new ArrayList<>(values.size() + 1);
        values.forEach(parts::add);
        parts.add(id);
        return new KeyValue(parts);
    }

    private boolean hasNoIndexedValue(Document document) {
        return keys().stream().noneMatch(document::containsKey);
    }
}
