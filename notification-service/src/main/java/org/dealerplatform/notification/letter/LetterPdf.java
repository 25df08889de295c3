package org.dealerplatform.notification.letter;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders a letter batch as one printable A4 PDF, one letter per page (NOT-1). The font is a TrueType file
 * (configure one with CJK glyphs, e.g. Noto Sans CJK, for Chinese letters); characters the font lacks print as '?'
 * rather than failing the whole batch.
 */
public final class LetterPdf {

    /** One letter: where it goes and what it says. */
    public record Letter(String recipient, String body) {
    }

    private static final float MARGIN = 60;
    private static final float FONT_SIZE = 11;
    private static final float LEADING = 16;

    private final String fontPath;

    public LetterPdf(String fontPath) {
        this.fontPath = fontPath;
    }

    public byte[] render(String heading, List<Letter> letters) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDFont font = font(document);
            for (Letter letter : letters) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                float width = page.getMediaBox().getWidth() - 2 * MARGIN;
                List<String> lines = new ArrayList<>();
                lines.add(heading);
                lines.add("");
                lines.addAll(letter.recipient().lines().toList());
                lines.add("");
                for (String paragraph : letter.body().split("\n", -1)) {
                    lines.addAll(wrap(printable(font, paragraph), font, width));
                }
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, FONT_SIZE);
                    content.setLeading(LEADING);
                    content.newLineAtOffset(MARGIN, page.getMediaBox().getHeight() - MARGIN);
                    for (String line : lines) {
                        content.showText(printable(font, line));
                        content.newLine();
                    }
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the letter batch", e);
        }
    }

    private PDFont font(PDDocument document) throws IOException {
        if (fontPath != null && new File(fontPath).isFile()) {
            return PDType0Font.load(document, new File(fontPath));
        }
        return new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    }

    private static String printable(PDFont font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
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

    private static List<String> wrap(String text, PDFont font, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int lastSpace = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            line.append(c);
            if (c == ' ') {
                lastSpace = line.length() - 1;
            }
            if (font.getStringWidth(line.toString()) / 1000 * FONT_SIZE > width) {
                if (lastSpace > 0) {
                    lines.add(line.substring(0, lastSpace));
                    line.delete(0, lastSpace + 1);
                } else {
                    lines.add(line.substring(0, line.length() - 1));
                    line.delete(0, line.length() - 1);
                }
                lastSpace = line.lastIndexOf(" ");
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
