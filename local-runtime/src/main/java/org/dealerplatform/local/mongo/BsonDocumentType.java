package org.dealerplatform.local.mongo;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** Documents kept as BSON in the H2 file (see {@link BsonCodec}). */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    private BsonDocumentType() {
    }

    /**
     * An estimate for H2's page sizing and cache: the driver's documents here are small records of a few dozen
     * fields; computing the exact size would mean encoding the document once more.
     */
    @Override
    public int getMemory(Document document) {
        return 128 + 48 * document.size();
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        BsonCodec.writeDocument(buffer, document);
    }

    @Override
    public Document read(ByteBuffer buffer) {
        return BsonCodec.readDocument(buffer);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    @Override
    public int compare(Document a, Document b) {
        // values are compared only to test equality (MVMap.replace(key, old, new))
        return a.equals(b) ? 0 : 1;
    }
}
