package org.dealerplatform.local.mongo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The H2 key and value types of the embedded server's file, all stored as BSON (see {@link BsonCodec}) instead of the
 * Java serialization H2's default type falls back to, which was most of the embedded server's CPU under load (issue 10
 * profile). One class serves the three kinds; they differ only in how they size, store and order an item:
 * <ul>
 * <li>{@link #DOCUMENT}: the documents (the data maps' values);</li>
 * <li>{@link #VALUE}: a single BSON value, the documents' {@code _id}s (the data maps' keys) and the positions the
 * unique indexes point to;</li>
 * <li>{@link #KEY}: a unique index's key (the indexed fields' values, normalised by the server).</li>
 * </ul>
 * Values and keys are ordered as MongoDB orders values ({@link #ORDER}), by type and then by value, numbers
 * numerically; a key field by field.
 */
final class BsonType<T> extends BasicDataType<T> {

    static final Comparator<Object> ORDER = ValueComparator.ascWithoutListHandling();

    /**
     * Documents; their memory is an estimate for H2's page sizing and cache: the driver's documents here are small
     * records of a few dozen fields, and computing the exact size would mean encoding the document once more. They
     * are compared only to test equality (MVMap.replace(key, old, new)).
     */
    static final BsonType<Document> DOCUMENT = new BsonType<>(document -> 128 + 48 * document.size(),
            BsonCodec::writeDocument, BsonCodec::readDocument, Document[]::new, (a, b) -> a.equals(b) ? 0 : 1);

    static final BsonType<Object> VALUE = new BsonType<>(BsonType::valueMemory, BsonCodec::writeValue,
            BsonCodec::readValue, Object[]::new, ORDER);

    static final BsonType<KeyValue> KEY = new BsonType<>(BsonType::keyMemory, BsonType::writeKey, BsonType::readKey,
            KeyValue[]::new, BsonType::compareKeys);

    private final ToIntFunction<T> memory;
    private final BiConsumer<WriteBuffer, T> writer;
    private final Function<ByteBuffer, T> reader;
    private final IntFunction<T[]> storage;
    private final Comparator<T> order;

    private BsonType(ToIntFunction<T> memory, BiConsumer<WriteBuffer, T> writer, Function<ByteBuffer, T> reader,
            IntFunction<T[]> storage, Comparator<T> order) {
        this.memory = memory;
        this.writer = writer;
        this.reader = reader;
        this.storage = storage;
        this.order = order;
    }

    @Override
    public int getMemory(T item) {
        return memory.applyAsInt(item);
    }

    @Override
    public void write(WriteBuffer buffer, T item) {
        writer.accept(buffer, item);
    }

    @Override
    public T read(ByteBuffer buffer) {
        return reader.apply(buffer);
    }

    @Override
    public T[] createStorage(int size) {
        return storage.apply(size);
    }

    @Override
    public int compare(T a, T b) {
        return order.compare(a, b);
    }

    /** H2's {@code BasicDataType} tells types apart by their class; here the three kinds share one, so by identity. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    private static int valueMemory(Object value) {
        return value instanceof String text ? 24 + 2 * text.length() : 48;
    }

    private static int keyMemory(KeyValue key) {
        int memory = 32;
        for (Object value : key) {
            memory += valueMemory(value);
        }
        return memory;
    }

    private static void writeKey(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            BsonCodec.writeValue(buffer, value);
        }
    }

    private static KeyValue readKey(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(BsonCodec.readValue(buffer));
        }
        return new KeyValue(values);
    }

    private static int compareKeys(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = ORDER.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
