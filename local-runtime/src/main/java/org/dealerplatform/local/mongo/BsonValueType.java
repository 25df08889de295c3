package org.dealerplatform.local.mongo;

import java.nio.ByteBuffer;
import java.util.Comparator;

import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * A single BSON value as an H2 key or value: the documents' {@code _id}s (the data maps' keys) and the positions the
 * unique indexes point to. Ordered as MongoDB orders values, by type and then by value, numbers numerically.
 */
final class BsonValueType extends BasicDataType<Object> {

    static final BsonValueType INSTANCE = new BsonValueType();
    static final Comparator<Object> ORDER = ValueComparator.ascWithoutListHandling();

    private BsonValueType() {
    }

    @Override
    public int getMemory(Object value) {
        return value instanceof String text ? 24 + 2 * text.length() : 48;
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        BsonCodec.writeValue(buffer, value);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        return BsonCodec.readValue(buffer);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    @Override
    public int compare(Object a, Object b) {
        return ORDER.compare(a, b);
    }
}
