package org.dealerplatform.local.mongo;

import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * H2's collection, except that while a {@link StoreSnapshot} is open it hands out copies of its stored documents.
 * REL-6: the data maps hold the document objects themselves, and the server's update changes the document it found
 * IN PLACE before it puts it back. H2's pages are copy-on-write, but a snapshot's page and the live page share those
 * objects, so a backup copied from the snapshot took updates made after its instant (the fault suite's restore held a
 * roll-up cell with a sale the copy did not have). With no snapshot open nothing is copied.
 */
final class SnapshotSafeCollection extends H2Collection {

    /** Set after H2's constructor, which already reads documents (no snapshot can be open then: none is copied). */
    private final MVStore store;

    SnapshotSafeCollection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, collectionName, options, data, meta, cursors);
        this.store = data.getStore();
    }

    private boolean copying() {
        return store != null && StoreSnapshot.openOn(store);
    }

    @Override
    protected Document getDocument(Object position) {
        Document stored = super.getDocument(position);
        return stored != null && copying() ? stored.cloneDeeply() : stored;
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        Stream<DocumentWithPosition<Object>> stored = super.streamAllDocumentsWithPosition();
        return copying()
                ? stored.map(d -> new DocumentWithPosition<>(d.getDocument().cloneDeeply(), d.getPosition()))
                : stored;
    }
}
