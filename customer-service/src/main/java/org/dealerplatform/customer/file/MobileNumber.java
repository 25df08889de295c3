package org.dealerplatform.customer.file;

import java.util.regex.Pattern;

/** A mainland China mobile number (CUS-8): {@code ^1[3-9]\d{9}$}, optionally written with +86; stored without it. */
public final class MobileNumber {

    private static final Pattern MOBILE = Pattern.compile("^1[3-9]\\d{9}$");

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
        return MOBILE.matcher(digits).matches() ? digits : null;
    }

    public static boolean isValid(String raw) {
        return normalize(raw) != null;
    }
}
