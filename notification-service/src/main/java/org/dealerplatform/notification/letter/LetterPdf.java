package org.dealerplatform.notification.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.dealerplatform.platform.print.TablePdf;

/**
 * Renders a letter batch as one printable A4 PDF, one letter per page (NOT-1). The font is a CJK TrueType font found
 * by {@link LetterFont} (ECO-2), embedded as a subset so the PDF stays small and prints anywhere; characters the font
 * lacks print as '?' rather than failing the whole batch.
 */
public final class LetterPdf {

    /** One letter: where it goes and what it says. */
    public record Letter(String recipient, String body) {
    }

    private static final float MARGIN = 60;
    private static final float FONT_SIZE = 11;
    private static final float LEADING = 16;

    private final LetterFont letterFont;

    public LetterPdf(LetterFont letterFont) {
        this.letterFont = letterFont;
    }

    public byte[] render(String heading, List<Letter> letters) {
        // closed in reverse order: the font file stays open until the document (and its font subset) is saved
        try (PDDocument document = new PDDocument(); LetterFont.Opened opened = letterFont.open(document);
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDFont font = opened.font();
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
                    lines.addAll(wrap(TablePdf.printable(font, paragraph), font, width));
                }
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, FONT_SIZE);
                    content.setLeading(LEADING);
                    content.newLineAtOffset(MARGIN, page.getMediaBox().getHeight() - MARGIN);
                    for (String line : lines) {
                        content.showText(TablePdf.printable(font, line));
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

    private static List<String> wrap(String text, PDFont font, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int lastSpace = -1;
        // by code point: a character outside the BMP (a rare name character) is two chars and must not be split
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int c = text.codePointAt(i);
            line.appendCodePoint(c);
            if (c == ' ') {
                lastSpace = line.length() - 1;
            }
            if (font.getStringWidth(line.toString()) / 1000 * FONT_SIZE > width) {
                if (lastSpace > 0) {
                    lines.add(line.substring(0, lastSpace));
                    line.delete(0, lastSpace + 1);
                } else {
                    int last = line.length() - Character.charCount(c);
                    lines.add(line.substring(0, last));
                    line.delete(0, last);
                }
                lastSpace = line.lastIndexOf(" ");
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
