package org.dealerplatform.security.masking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data as logs may show it (OBS-2): a mobile 13812345678 as {@code 138****5678}, a name 王小明 as
 * {@code 王**}, an e-mail alice@example.com as {@code a***@example.com}. Enough to tell records apart when
 * reading a log, not enough to contact anyone. Log statements that name a customer pass the values through these
 * methods; {@link #text} masks mobiles and e-mails inside free text (exception messages, stack traces) and is what
 * {@link PersonalDataMasking} applies to every string of a JSON log line.
 */
public final class Masked {

    /**
     * A mainland mobile (the digits of {@code platform}'s {@code validation.MobileNumber.DIGITS}, split here into
     * groups so that the middle four can be masked), optionally +86, not part of a longer digit run (ids, timestamps).
     */
    static final Pattern MOBILE = Pattern.compile("(?<![0-9])((?:\\+?86[- ]?)?1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])");
    /**
     * An e-mail address. The look-behind lets a match start only where a run of local-part characters starts: without
     * it, text with an {@code @} and a long run of such characters (a token, a base64 blob) was tried from every
     * position of the run to its end, time quadratic in the run's length.
     */
    static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");

    private Masked() {
    }

    /** {@code 13812345678} as {@code 138****5678}; anything too short to keep 7 digits as {@code ****}. */
    public static String mobile(String mobile) {
        if (mobile == null) {
            return null;
        }
        String digits = mobile.replaceAll("[^0-9]", "");
        if (digits.length() < 8) {
            return "****";
        }
        // the national number: a +86 or 0086 prefix is dropped
        String national = digits.length() > 11 ? digits.substring(digits.length() - 11) : digits;
        return national.substring(0, 3) + "****" + national.substring(national.length() - 4);
    }

    /** The first character and one star per further character: 王小明 as {@code 王**}; a one-character name as {@code *}. */
    public static String name(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.strip();
        int count = trimmed.codePointCount(0, trimmed.length());
        if (count <= 1) {
            return "*";
        }
        return new String(Character.toChars(trimmed.codePointAt(0))) + "*".repeat(count - 1);
    }

    /** {@code alice@example.com} as {@code a***@example.com}; a value without {@code @} as {@code ***}. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /** Free text with every mobile number and e-mail address in it masked as above (names cannot be found in text). */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        if (masked.indexOf('@') >= 0) {
            masked = EMAIL.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@" + m.group(2)));
        }
        if (hasDigitRun(masked, MOBILE_DIGITS)) {
            Matcher mobile = MOBILE.matcher(masked);
            if (mobile.find()) {
                masked = mobile.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****" + m.group(3)));
            }
        }
        return masked;
    }

    /** Every {@link #MOBILE} match has its 11 digits in a row (the +86 prefix aside): text without such a run has none. */
    static final int MOBILE_DIGITS = 11;

    /**
     * True when {@code text} has {@code length} ASCII digits in a row. Issue 10: the gateway masks the URL of every
     * request's spans, and most text (paths with UUIDs, messages) has no run that long: a scan instead of the pattern's
     * look-behind tried at every position.
     */
    static boolean hasDigitRun(String text, int length) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = c >= '0' && c <= '9' ? run + 1 : 0;
            if (run == length) {
                return true;
            }
        }
        return false;
    }
}
