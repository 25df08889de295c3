package org.dealerplatform.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set sizes from {@code /proc/<pid>/status} (Linux); 0 where that is not readable. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** VmRSS of a process in KiB, or 0 when unknown (process gone, not Linux). */
    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // gone or not Linux
        }
        return 0;
    }
}
