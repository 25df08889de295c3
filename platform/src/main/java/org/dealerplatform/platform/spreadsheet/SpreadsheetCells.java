package org.dealerplatform.platform.spreadsheet;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps exported text from running as a spreadsheet formula (SEC-4, CSV injection): a text cell starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, TAB or CR gets a leading {@code '}, which spreadsheet programs read as
 * "this is text". Numbers and booleans stay typed. Every CSV and XLSX export writes its cells through here, and
 * imports read them back through {@link #restore(String)}.
 */
public final class SpreadsheetCells {

    private static final String TRIGGERS = "=+-@\t\r";

    private SpreadsheetCells() {
    }

    /** True if a spreadsheet program could take {@code text} as the start of a formula. */
    public static boolean risky(String text) {
        return text != null && !text.isEmpty() && TRIGGERS.indexOf(text.charAt(0)) >= 0;
    }

    /** {@code text} with a leading {@code '} when it could start a formula; null stays null. */
    public static String text(String text) {
        return risky(text) ? "'" + text : text;
    }

    /** A cell value for an export: numbers and booleans unchanged, anything else as neutralised text. */
    public static Object cell(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return text(String.valueOf(value));
    }

    /** {@link #cell(Object)} applied to each value of a row. */
    public static List<Object> row(Iterable<?> values) {
        List<Object> cells = new ArrayList<>();
        for (Object value : values) {
            cells.add(cell(value));
        }
        return cells;
    }

    /** {@link #cell(Object)} applied to each value of a row. */
    public static Object[] row(Object... values) {
        Object[] cells = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            cells[i] = cell(values[i]);
        }
        return cells;
    }

    /**
     * An imported cell as it was before an export neutralised it: a leading {@code '} is dropped when what follows
     * would have been neutralised; any other text is unchanged.
     */
    public static String restore(String text) {
        return text != null && text.length() > 1 && text.charAt(0) == '\'' && risky(text.substring(1))
                ? text.substring(1) : text;
    }
}
