package org.dealerplatform.local.mongo;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;

/**
 * Stored form of documents and values in the embedded server's H2 file: the BSON the wire already carries, instead of
 * the Java serialization H2's default {@code ObjectDataType} falls back to for every type it does not know. A value is
 * one tag byte (its BSON type, or {@link #MISSING} for the server's "no value" marker) followed by its BSON encoding.
 */
final class BsonCodec {

    /** Tag of {@link Missing}: not a BSON type code (those are 0x01–0x13, 0x7F and 0xFF). */
    static final byte MISSING = 0x60;

    private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(1024));

    private BsonCodec() {
    }

    static void writeDocument(WriteBuffer target, Document document) {
        ByteBuf buffer = scratch();
        BsonEncoder.encodeDocument(document, buffer);
        copy(buffer, target);
    }

    static Document readDocument(ByteBuffer source) {
        ByteBuf buffer = Unpooled.wrappedBuffer(source.duplicate());
        Document document = BsonDecoder.decodeBson(buffer);
        source.position(source.position() + buffer.readerIndex());
        return document;
    }

    static void writeValue(WriteBuffer target, Object value) {
        if (value instanceof Missing) {
            target.put(MISSING);
            return;
        }
        ByteBuf buffer = scratch();
        byte type = BsonEncoder.determineType(value);
        buffer.writeByte(type);
        BsonEncoder.encodeValue(type, value, buffer);
        copy(buffer, target);
    }

    static Object readValue(ByteBuffer source) {
        byte type = source.get();
        if (type == MISSING) {
            return Missing.getInstance();
        }
        ByteBuf buffer = Unpooled.wrappedBuffer(source.duplicate());
        Object value = BsonDecoder.decodeValue(type, buffer);
        source.position(source.position() + buffer.readerIndex());
        return value;
    }

    private static ByteBuf scratch() {
        ByteBuf buffer = SCRATCH.get();
        buffer.clear();
        return buffer;
    }

    private static void copy(ByteBuf buffer, WriteBuffer target) {
        int length = buffer.readableBytes();
        if (buffer.hasArray()) {
            target.put(buffer.array(), buffer.arrayOffset() + buffer.readerIndex(), length);
        } else {
            byte[] bytes = new byte[length];
            buffer.getBytes(buffer.readerIndex(), bytes);
            target.put(bytes);
        }
        if (buffer.capacity() > 1 << 20) {
            SCRATCH.remove(); // do not keep a large document's buffer per thread
        }
    }
}
