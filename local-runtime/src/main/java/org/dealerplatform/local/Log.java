package org.dealerplatform.local;

import java.util.Locale;

/** The launcher's console output: plain {@code [local]} lines on stdout. */
final class Log {

    private Log() {
    }

    static void info(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[local] " + format + "%n", args);
        System.out.flush();
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
