package org.dealerplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("REL-5 the embedded database's write journal")
class WriteJournalTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("entries are read back in order with their checkpoint's nonce; a restart starts an empty journal of a new nonce")
    void roundTripAndRestart() {
        Path file = dir.resolve("db.mv.journal");
        try (WriteJournal journal = WriteJournal.open(file)) {
            journal.restart(42);
            journal.append(7, "sales", "insert", new Document("insert", "sales").append("documents",
                    java.util.List.of(new Document("_id", "s-1").append("amountFen", 25_980_000L).append("name", "张三"))));
            journal.append(8, "sales", "update", new Document("update", "sales").append("n", 2));
        }

        WriteJournal.Contents contents = WriteJournal.read(file);

        assertThat(contents.nonce()).isEqualTo(42);
        assertThat(contents.entries()).extracting(WriteJournal.Entry::sequence).containsExactly(7L, 8L);
        WriteJournal.Entry first = contents.entries().get(0);
        assertThat(first.database()).isEqualTo("sales");
        assertThat(first.command()).isEqualTo("insert");
        assertThat(first.query().get("documents").toString()).contains("s-1", "25980000", "张三");

        try (WriteJournal journal = WriteJournal.open(file)) {
            journal.restart(43);
        }
        assertThat(WriteJournal.read(file)).isEqualTo(new WriteJournal.Contents(43, java.util.List.of()));
    }

    @Test
    @DisplayName("a torn last entry (the process killed in the middle of an append) ends the journal; the whole ones before it stay")
    void tornTail() throws Exception {
        Path file = dir.resolve("db.mv.journal");
        try (WriteJournal journal = WriteJournal.open(file)) {
            journal.restart(1);
            for (int i = 1; i <= 3; i++) {
                journal.append(i, "t", "insert", new Document("insert", "docs").append("i", i));
            }
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 5)); // the third append cut short

        assertThat(WriteJournal.read(file).entries()).extracting(WriteJournal.Entry::sequence).containsExactly(1L, 2L);

        Files.write(file, whole);
        whole[whole.length - 3] ^= 0x5A; // the third entry's bytes changed: its checksum fails
        Files.write(file, whole);
        assertThat(WriteJournal.read(file).entries()).hasSize(2);

        Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(WriteJournal.read(file).entries()).isEmpty();
        assertThat(WriteJournal.read(dir.resolve("none.journal")).entries()).isEmpty();
    }
}
