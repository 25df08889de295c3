package org.dealerplatform.customer.vehicle;

import java.util.Locale;

/**
 * A vehicle identification number (CUS-8): 17 characters without I, O and Q, whose 9th character is the ISO 3779
 * check digit (weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2, sum mod 11, 10 written as X).
 */
public final class Vin {

    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    private Vin() {
    }

    /** Upper-cased and stripped; {@code null} stays {@code null}. */
    public static String normalize(String raw) {
        return raw == null ? null : raw.strip().toUpperCase(Locale.ROOT);
    }

    /** Why {@code raw} is not a valid VIN, or {@code null} if it is one. */
    public static String problem(String raw) {
        String vin = normalize(raw);
        if (vin == null || vin.length() != 17) {
            return "must be 17 characters";
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = transliterate(vin.charAt(i));
            if (value < 0) {
                return "must contain only digits and letters other than I, O and Q";
            }
            sum += value * WEIGHTS[i];
        }
        int check = sum % 11;
        char expected = check == 10 ? 'X' : (char) ('0' + check);
        if (vin.charAt(8) != expected) {
            return "check digit (9th character) must be " + expected;
        }
        return null;
    }

    public static boolean isValid(String raw) {
        return problem(raw) == null;
    }

    /** ISO 3779 value of a character; -1 for characters a VIN may not contain. */
    static int transliterate(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> -1;
        };
    }
}
