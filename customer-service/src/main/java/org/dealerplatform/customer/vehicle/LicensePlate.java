package org.dealerplatform.customer.vehicle;

import java.util.regex.Pattern;

/**
 * A mainland licence plate per GA 36-2018 (CUS-8): province character, issuing-office letter and five characters
 * (7 in all), or for new-energy vehicles 8 characters with D/F (battery/hybrid) right after the office letter (small
 * vehicles) or at the end (large vehicles). Letters I and O are never used.
 */
public final class LicensePlate {

    private static final String PROVINCE = "[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]";
    private static final String LETTER = "[A-HJ-NP-Z]";
    private static final String ALNUM = "[A-HJ-NP-Z0-9]";
    private static final Pattern REGULAR = Pattern.compile("^" + PROVINCE + LETTER + ALNUM + "{4}[A-HJ-NP-Z0-9挂学警港澳]$");
    private static final Pattern NEW_ENERGY_SMALL = Pattern.compile("^" + PROVINCE + LETTER + "[DF]" + ALNUM + "\\d{4}$");
    private static final Pattern NEW_ENERGY_LARGE = Pattern.compile("^" + PROVINCE + LETTER + "\\d{5}[DF]$");

    private LicensePlate() {
    }

    /** Without spaces, dots and dashes, upper-cased; {@code null} or blank gives {@code null}. */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.replaceAll("[\\s·.\\-]", "").toUpperCase(java.util.Locale.ROOT);
    }

    public static boolean isValid(String raw) {
        String plate = normalize(raw);
        if (plate == null) {
            return false;
        }
        return switch (plate.length()) {
            case 7 -> REGULAR.matcher(plate).matches();
            case 8 -> NEW_ENERGY_SMALL.matcher(plate).matches() || NEW_ENERGY_LARGE.matcher(plate).matches();
            default -> false;
        };
    }
}
