package org.dealerplatform.local;

import java.util.Locale;

/** Valid demo VINs: 17 characters without I, O or Q, with the ISO 3779 check digit at position 9 (CUS-8). */
public final class DemoVins {

    private static final String ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    private DemoVins() {
    }

    /** The {@code n}-th demo VIN of a manufacturer prefix (3 characters, e.g. "LSV"). */
    public static String vin(String prefix, long n) {
        StringBuilder vin = new StringBuilder(prefix.toUpperCase(Locale.ROOT));
        vin.append("AB21").append('8'); // vehicle attributes, then a placeholder for the check digit
        vin.append("R"); // model year 2024
        vin.append("N"); // plant
        String serial = String.format(Locale.ROOT, "%06d", n % 1_000_000);
        vin.append(serial);
        while (vin.length() < 17) {
            vin.append(ALPHABET.charAt((int) (n % ALPHABET.length())));
        }
        vin.setCharAt(8, checkDigit(vin));
        return vin.toString();
    }

    static char checkDigit(CharSequence vin) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += value(vin.charAt(i)) * WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder == 10 ? 'X' : (char) ('0' + remainder);
    }

    private static int value(char c) {
        if (Character.isDigit(c)) {
            return c - '0';
        }
        String letters = "ABCDEFGH" + "JKLMN" + "P" + "R" + "STUVWXYZ";
        int[] values = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
        return values[letters.indexOf(c)];
    }
}
