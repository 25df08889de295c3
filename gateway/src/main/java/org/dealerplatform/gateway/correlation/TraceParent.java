package org.dealerplatform.gateway.correlation;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** W3C Trace Context {@code traceparent} values: keeps a caller's valid one, otherwise starts a new sampled trace. */
public final class TraceParent {

    public static final String HEADER = "traceparent";

    // version-traceid-parentid-flags; version "ff" is forbidden, version 00 has exactly these four fields.
    private static final Pattern FORMAT =
            Pattern.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-[^\\s]*)?$");
    private static final String ZERO_TRACE_ID = "0".repeat(32);
    private static final String ZERO_PARENT_ID = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceParent() {
    }

    /** The header value if it is a valid traceparent, empty otherwise. */
    public static Optional<String> valid(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(header.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String version = matcher.group(1);
        boolean extraFields = matcher.group(5) != null;
        if ("ff".equals(version) || ("00".equals(version) && extraFields)
                || ZERO_TRACE_ID.equals(matcher.group(2)) || ZERO_PARENT_ID.equals(matcher.group(3))) {
            return Optional.empty();
        }
        return Optional.of(header.trim());
    }

    /** A new root trace: {@code 00-<32 hex trace id>-<16 hex span id>-01}. */
    public static String newTrace() {
        return "00-" + nonZeroHex(16) + "-" + nonZeroHex(8) + "-01";
    }

    private static String nonZeroHex(int bytes) {
        byte[] value = new byte[bytes];
        do {
            RANDOM.nextBytes(value);
        } while (allZero(value));
        return HexFormat.of().formatHex(value);
    }

    private static boolean allZero(byte[] value) {
        for (byte b : value) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
