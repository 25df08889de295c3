package org.dealerplatform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The embedded database's write journal (REL-5, issue 10): every write command, as it was applied, appended to a file
 * beside the H2 store before the command is acknowledged. The store itself is committed about once a second
 * ({@link DurableH2Backend}'s checkpoint); after a {@code kill -9} the commands since the last checkpoint are applied
 * again from here, in the order they were applied the first time.
 *
 * <p>Why: committing the H2 store after every write command rewrote every page the command touched, up to each map's
 * root, as a new chunk of the file: two thirds of the database process's CPU under load (docs/benchmarks/profile.md).
 * An append of the command is a few hundred bytes.
 *
 * <p>Layout: a header (magic, the checkpoint's nonce), then entries of {@code [length][CRC32C][payload]}, the payload
 * being {@code [sequence][database][command][command document as BSON]}. A torn last entry (the process killed in the
 * middle of an append) fails its length or checksum and ends the journal: its command was never acknowledged. Like the
 * store, the file is written to the operating system's page cache, not forced to the disk: it survives a crash of the
 * process, not a power cut of the machine (RELIABILITY.md).
 */
final class WriteJournal implements AutoCloseable {

    private static final int MAGIC = 0x44504A31; // "DPJ1"
    private static final int HEADER_BYTES = 12;
    private static final int MAX_ENTRY_BYTES = 64 << 20;

    private final Path file;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private ByteBuf scratch = Unpooled.buffer(4096);

    private WriteJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** The journal file of a store file. */
    static Path fileOf(Path store) {
        return store.resolveSibling(store.getFileName() + ".journal");
    }

    /** Opens (or creates) the journal for appending; read it first with {@link #read}. */
    static WriteJournal open(Path file) {
        try {
            return new WriteJournal(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the write journal " + file, e);
        }
    }

    /** One journalled write command. */
    record Entry(long sequence, String database, String command, Document query) {
    }

    /** What a journal file holds: the nonce of the checkpoint it follows, and its whole entries in order. */
    record Contents(long nonce, List<Entry> entries) {
        static final Contents NONE = new Contents(0, List.of());
    }

    /** Reads the whole entries of a journal file; a missing, empty or foreign file holds none. */
    static Contents read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Contents.NONE;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
            if (bytes.remaining() < HEADER_BYTES || bytes.getInt() != MAGIC) {
                return Contents.NONE;
            }
            long nonce = bytes.getLong();
            List<Entry> entries = new ArrayList<>();
            CRC32C check = new CRC32C();
            while (bytes.remaining() >= 8) {
                int length = bytes.getInt();
                int sum = bytes.getInt();
                if (length <= 0 || length > MAX_ENTRY_BYTES || length > bytes.remaining()) {
                    break; // torn: the process died in the middle of this append
                }
                check.reset();
                check.update(bytes.array(), bytes.position(), length);
                if ((int) check.getValue() != sum) {
                    break;
                }
                ByteBuf payload = Unpooled.wrappedBuffer(bytes.array(), bytes.position(), length);
                bytes.position(bytes.position() + length);
                long sequence = payload.readLong();
                String database = text(payload);
                String command = text(payload);
                entries.add(new Entry(sequence, database, command, BsonDecoder.decodeBson(payload)));
            }
            return new Contents(nonce, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the write journal " + file, e);
        }
    }

    /** Appends one applied write command; it is in the file (the page cache) when this returns. */
    void append(long sequence, String database, String command, Document query) {
        ByteBuf buffer = scratch;
        buffer.clear();
        buffer.writeInt(0).writeInt(0).writeLong(sequence);
        text(buffer, database);
        text(buffer, command);
        BsonEncoder.encodeDocument(query, buffer);
        int length = buffer.readableBytes() - 8;
        crc.reset();
        crc.update(buffer.array(), buffer.arrayOffset() + 8, length);
        buffer.setInt(0, length).setInt(4, (int) crc.getValue());
        writeFully(ByteBuffer.wrap(buffer.array(), buffer.arrayOffset(), buffer.readableBytes()));
        if (buffer.capacity() > 1 << 20) {
            scratch = Unpooled.buffer(4096); // do not keep a large command's buffer
        }
    }

    /** Starts the journal over after a checkpoint whose nonce is {@code nonce}: everything before is in the store. */
    void restart(long nonce) {
        try {
            channel.truncate(0);
            channel.position(0);
            writeFully(ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putLong(nonce).flip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the write journal " + file, e);
        }
    }

    /** Bytes in the file. */
    long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeFully(ByteBuffer bytes) {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the write journal " + file, e);
        }
    }

    private static void text(ByteBuf buffer, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        buffer.writeInt(bytes.length).writeBytes(bytes);
    }

    private static String text(ByteBuf buffer) {
        byte[] bytes = new byte[buffer.readInt()];
        buffer.readBytes(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
