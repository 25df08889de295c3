package org.dealerplatform.platform.validation;

import java.util.regex.Pattern;

/**
 * The one mobile-number rule of every service (CUS-8, issue 14): a mainland China mobile number is {@code 1}, a second
 * digit 3 to 9 and nine more digits; requests may write it with {@code +86}, files store it without. Bean validation
 * annotations take {@link #ENTERED} or {@link #STORED} (compile-time constants), code takes {@link #normalize}; the
 * event schemas in {@code contracts} spell the same {@link #STORED} pattern.
 */
public final class MobileNumber {

    /** The eleven digits as stored. */
    public static final String DIGITS = "1[3-9][0-9]{9}";

    /** A stored number, whole string (e.g. a lookup by the number as kept on file). */
    public static final String STORED = "^" + DIGITS + "$";

    /** A number as a request may write it: the stored digits, optionally after {@code +86}. */
    public static final String ENTERED = "^(\\+86)?" + DIGITS + "$";

    private static final Pattern STORED_PATTERN = Pattern.compile(STORED);

    private MobileNumber() {
    }

    /** The number without country code, spaces or dashes, or {@code null} if it is not a valid mobile number. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.replaceAll("[\\s-]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        }
        return STORED_PATTERN.matcher(digits).matches() ? digits : null;
    }

    public static boolean isValid(String raw) {
        return normalize(raw) != null;
    }
}
