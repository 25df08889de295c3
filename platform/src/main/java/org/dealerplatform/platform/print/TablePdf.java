package org.dealerplatform.platform.print;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A printable report (ECO-4): a title, a subtitle and a table, on landscape A4 pages with the column headers repeated
 * on each page and page numbers. The font is the first CJK TrueType font of {@link #CJK_FONTS} found (the ones letter
 * PDFs use, ECO-2: the image installs {@code fonts-wqy-microhei}), embedded as a subset; without one, characters the
 * fallback lacks print as '?'. Needs PDFBox on the class path (an optional dependency of platform).
 */
public final class TablePdf {

    /** TrueType-outline CJK fonts of Debian packages, best first (as for letters, ECO-2). */
    public static final List<Path> CJK_FONTS = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"));
    private static final Path LATIN_FALLBACK = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    private static final float MARGIN = 36;
    private static final float TITLE_SIZE = 14;
    private static final float FONT_SIZE = 9;
    private static final float ROW = 15;

    private TablePdf() {
    }

    /** The first readable CJK font, or null. */
    public static Path cjkFont() {
        return CJK_FONTS.stream().filter(Files::isReadable).findFirst().orElse(null);
    }

    /**
     * Renders the table. {@code rows} hold text or numbers as they should print (amounts already in yuan);
     * {@code numeric[c]} right-aligns column c.
     */
    public static byte[] render(String title, String subtitle, List<String> headers, List<List<String>> rows, boolean[] numeric) {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Path path = cjkFont();
            TrueTypeCollection collection = null;
            PDFont font;
            if (path != null && path.toString().endsWith(".ttc")) {
                collection = new TrueTypeCollection(path.toFile());
                final PDFont[] first = new PDFont[1];
                collection.processAllFonts(ttf -> {
                    if (first[0] == null) {
                        first[0] = PDType0Font.load(document, ttf, true);
                    }
                });
                font = first[0];
            } else if (path != null) {
                font = PDType0Font.load(document, path.toFile());
            } else if (Files.isReadable(LATIN_FALLBACK)) {
                font = PDType0Font.load(document, LATIN_FALLBACK.toFile());
            } else {
                font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            }
            try {
                write(document, font, title, subtitle, headers, rows, numeric);
                document.save(out);
            } finally {
                if (collection != null) {
                    collection.close();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the report", e);
        }
    }

    private static void write(PDDocument document, PDFont font, String title, String subtitle, List<String> headers,
            List<List<String>> rows, boolean[] numeric) throws IOException {
        PDRectangle landscape = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
        float width = landscape.getWidth() - 2 * MARGIN;
        float[] share = widths(font, headers, rows, width);
        int perPage = (int) ((landscape.getHeight() - 2 * MARGIN - 3 * ROW) / ROW) - 1;
        int pages = Math.max(1, (rows.size() + perPage - 1) / perPage);
        for (int p = 0; p < pages; p++) {
            PDPage page = new PDPage(landscape);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float y = landscape.getHeight() - MARGIN;
                text(content, font, TITLE_SIZE, MARGIN, y, printable(font, title));
                y -= ROW * 1.3f;
                text(content, font, FONT_SIZE, MARGIN, y, printable(font, subtitle + "    " + (p + 1) + " / " + pages));
                y -= ROW * 1.5f;
                y = line(content, font, headers, share, numeric, y);
                content.moveTo(MARGIN, y + ROW - 3);
                content.lineTo(MARGIN + width, y + ROW - 3);
                content.stroke();
                for (int r = p * perPage; r < Math.min(rows.size(), (p + 1) * perPage); r++) {
                    y = line(content, font, rows.get(r), share, numeric, y);
                }
            }
        }
    }

    private static float line(PDPageContentStream content, PDFont font, List<String> cells, float[] share, boolean[] numeric,
            float y) throws IOException {
        float x = MARGIN;
        for (int c = 0; c < share.length; c++) {
            String cell = c < cells.size() && cells.get(c) != null ? printable(font, cells.get(c)) : "";
            cell = fit(font, cell, share[c] - 4);
            float offset = c < numeric.length && numeric[c] ? share[c] - 4 - width(font, cell) : 0;
            text(content, font, FONT_SIZE, x + offset, y, cell);
            x += share[c];
        }
        return y - ROW;
    }

    private static void text(PDPageContentStream content, PDFont font, float size, float x, float y, String text) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }

    /** Column widths in proportion to their widest cell, within {@code total}. */
    private static float[] widths(PDFont font, List<String> headers, List<List<String>> rows, float total) throws IOException {
        float[] natural = new float[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            natural[c] = width(font, printable(font, headers.get(c))) + 8;
        }
        for (List<String> row : rows.subList(0, Math.min(rows.size(), 500))) {
            for (int c = 0; c < natural.length && c < row.size(); c++) {
                if (row.get(c) != null) {
                    natural[c] = Math.max(natural[c], width(font, printable(font, row.get(c))) + 8);
                }
            }
        }
        float sum = 0;
        for (float n : natural) {
            sum += n;
        }
        float[] share = new float[natural.length];
        for (int c = 0; c < natural.length; c++) {
            share[c] = sum <= total ? natural[c] + (total - sum) / natural.length : natural[c] * total / sum;
        }
        return share;
    }

    private static float width(PDFont font, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * FONT_SIZE;
    }

    private static String fit(PDFont font, String text, float room) throws IOException {
        if (width(font, text) <= room) {
            return text;
        }
        StringBuilder cut = new StringBuilder();
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            cut.appendCodePoint(text.codePointAt(i));
            if (width(font, cut + "..") > room) {
                cut.setLength(cut.length() - Character.charCount(text.codePointAt(i)));
                return cut + "..";
            }
        }
        return cut.toString();
    }

    /** {@code text} as {@code font} can show it: a control character becomes a space, a missing glyph a '?'. */
    public static String printable(PDFont font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(' ');
                return;
            }
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException missingGlyph) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
