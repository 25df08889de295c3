package org.dealerplatform.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.server.ResponseStatusException;

class SpooledCsvTest {

    /** {@code rows} rows of CSV made as they are read: the test never holds the body. */
    static InputStream generated(String header, String row, long rows) {
        return new InputStream() {
            long next = -1;
            byte[] current = (header + "\n").getBytes(StandardCharsets.UTF_8);
            int at;

            @Override
            public int read() {
                if (at == current.length) {
                    if (++next >= rows) {
                        return -1;
                    }
                    current = (row + next + "\n").getBytes(StandardCharsets.UTF_8);
                    at = 0;
                }
                return current[at++] & 0xff;
            }
        };
    }

    static long tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(SpooledCsv.spoolDirectory())) {
            return files.filter(f -> f.getFileName().toString().startsWith("import-")).count();
        }
    }

    @Test
    @DisplayName("SEC-3 the spooled files of a process that died mid-import are removed when the next process spools; a running process's are kept")
    void filesOfEndedProcessesAreRemoved(@TempDir Path root) throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Process running = new ProcessBuilder("sleep", "30").start();
        try {
            Path crashed = Files.createDirectories(root.resolve(Long.toString(ended.pid())));
            Files.writeString(crashed.resolve("import-1.csv"), "mobile,name\n");
            Path alive = Files.createDirectories(root.resolve(Long.toString(running.pid())));
            Files.writeString(alive.resolve("import-2.csv"), "mobile,name\n");
            Path other = Files.createDirectories(root.resolve("notes"));

            assertThat(SpooledCsv.removeFoldersOfEndedProcesses(root)).isEqualTo(1);

            assertThat(crashed).doesNotExist();
            assertThat(alive.resolve("import-2.csv")).exists();
            assertThat(other).exists();
        } finally {
            running.destroyForcibly();
        }
        // this process spools into a folder of its own, under the shared root
        assertThat(SpooledCsv.spoolDirectory()).isEqualTo(SpooledCsv.SPOOL_ROOT.resolve(Long.toString(ProcessHandle.current().pid())));
    }

    @Test
    @DisplayName("SEC-3 a body is spooled to a file and its rows counted as it streams: 100,001 generated rows count as more than the limit, a quoted line break is no row, a BOM is skipped")
    void countsRowsWhileStreaming() throws Exception {
        try (SpooledCsv csv = SpooledCsv.spool(generated("name,mobile", "客户,1380000", 100_001), SpooledCsv.MAX_BYTES)) {
            assertThat(csv.rows(ImportJobRunner.MAX_ROWS)).isGreaterThan(ImportJobRunner.MAX_ROWS);
        }
        try (SpooledCsv csv = SpooledCsv.spool(generated("name,mobile", "客户,1380000", 100_000), SpooledCsv.MAX_BYTES)) {
            assertThat(csv.rows(ImportJobRunner.MAX_ROWS)).isEqualTo(100_000);
        }
        StringBuilder quoted = new StringBuilder("\uFEFFname,address\n");
        for (int i = 0; i < 60_000; i++) {
            quoted.append("客户").append(i).append(",\"南京市\n江宁区\"\n");
        }
        try (SpooledCsv csv = SpooledCsv.spool(new ByteArrayInputStream(quoted.toString().getBytes(StandardCharsets.UTF_8)),
                SpooledCsv.MAX_BYTES)) {
            assertThat(csv.rows(ImportJobRunner.MAX_ROWS)).isEqualTo(60_000);
            try (Reader reader = csv.reader()) {
                assertThat((char) reader.read()).isEqualTo('n');
            }
        }
    }

    @Test
    @DisplayName("SEC-3 a body over 32 MiB stops being read at the limit with a 413, and its partial file is deleted")
    void tooLarge() throws Exception {
        long files = tempFiles();
        assertThatThrownBy(() -> SpooledCsv.spool(generated("name,mobile", "x".repeat(1000) + ",", 40_000), SpooledCsv.MAX_BYTES))
                .isInstanceOf(ResponseStatusException.class)
                .satisfies(e -> assertThat(((ResponseStatusException) e).getStatusCode().value()).isEqualTo(413))
                .hasMessageContaining("32 MiB");
        assertThat(tempFiles()).isEqualTo(files);
    }

    @Test
    @DisplayName("SEC-3 the spooled file is deleted on close, once")
    void deletedOnClose() throws Exception {
        SpooledCsv csv = SpooledCsv.spool(new ByteArrayInputStream("name\nx\n".getBytes(StandardCharsets.UTF_8)), 100);
        assertThat(csv.exists()).isTrue();
        assertThat(csv.bytes()).isEqualTo(7);
        csv.take().close();
        assertThat(csv.exists()).isFalse();
        csv.close();
    }
}
