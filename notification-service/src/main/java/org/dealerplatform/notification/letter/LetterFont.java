package org.dealerplatform.notification.letter;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.dealerplatform.platform.print.TablePdf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The font of letter PDFs (ECO-2): Chinese letters print out of the box, without anyone having to configure a font.
 *
 * <p>Lookup order: the configured file ({@code dealer.notifications.letters.font}, {@code DEALER_LETTER_FONT}), then
 * the {@link #KNOWN_PATHS known CJK fonts} of Debian hosts and of the image (the Dockerfile installs
 * {@code fonts-wqy-microhei}). A candidate must have TrueType (glyf) outlines: PDFBox embeds a subset of those, but not
 * of CFF-outline OpenType fonts such as Noto Sans CJK's {@code .ttc}/{@code .otf}. A collection ({@code .ttc}) gives its
 * first font. Known paths must also map 中; the configured file only gets a warning if it does not, since someone chose
 * it on purpose. If nothing fits, the service still starts and renders letters with a Latin font (characters it lacks
 * print as '?'), after one warning that says which fonts were tried and how to install one: a missing font must not
 * stop reminders by SMS and e-mail.
 */
public final class LetterFont {

    private static final Logger log = LoggerFactory.getLogger(LetterFont.class);

    /**
     * TrueType-outline CJK fonts of Debian packages, best first: {@code fonts-wqy-microhei}, {@code fonts-wqy-zenhei},
     * {@code fonts-arphic-uming}, {@code fonts-droid-fallback}.
     */
    public static final List<Path> KNOWN_PATHS = TablePdf.CJK_FONTS; // one list for letters and printable reports (ECO-4)

    /** Latin fallback when no CJK font is found: better than Helvetica's WinAnsi for accented names. */
    static final Path LATIN_FALLBACK = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    private final Path path;

    private LetterFont(Path path) {
        this.path = path;
    }

    /** The configured file if it is usable, else the first usable known path, else the fallback (with a warning). */
    public static LetterFont find(String configured) {
        return find(configured, KNOWN_PATHS);
    }

    static LetterFont find(String configured, List<Path> knownPaths) {
        List<String> tried = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            Path file = Path.of(configured.trim());
            String problem = problem(file, false);
            if (problem == null) {
                log.info("letter PDFs use the configured font {}", file);
                return new LetterFont(file);
            }
            tried.add("DEALER_LETTER_FONT=" + file + " (" + problem + ")");
        }
        for (Path file : knownPaths) {
            String problem = problem(file, true);
            if (problem == null) {
                if (!tried.isEmpty()) {
                    log.warn("letter PDFs use {} instead of {}", file, tried);
                } else {
                    log.info("letter PDFs use the CJK font {}", file);
                }
                return new LetterFont(file);
            }
            tried.add(file + " (" + problem + ")");
        }
        log.warn("No CJK font for letter PDFs: tried {}. Chinese characters will print as '?'. Install Debian's "
                + "fonts-wqy-microhei (apt-get install fonts-wqy-microhei) or set DEALER_LETTER_FONT to a TrueType "
                + "(glyf outline) font or collection with Chinese glyphs.", tried);
        return new LetterFont(null);
    }

    /** The chosen CJK or configured font file; empty when letters fall back to a Latin font. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /**
     * Loads the font into one document, embedded as a subset. Close the handle only after the document is saved:
     * the subset is written from the still open font file when the document is saved.
     */
    Opened open(PDDocument document) throws IOException {
        if (path == null) {
            if (Files.isRegularFile(LATIN_FALLBACK)) {
                return new Opened(PDType0Font.load(document, LATIN_FALLBACK.toFile()), () -> { });
            }
            return new Opened(new PDType1Font(Standard14Fonts.FontName.HELVETICA), () -> { });
        }
        if (isCollection(path)) {
            TrueTypeCollection collection = new TrueTypeCollection(path.toFile());
            try {
                return new Opened(PDType0Font.load(document, first(collection), true), collection);
            } catch (IOException | RuntimeException e) {
                collection.close();
                throw e;
            }
        }
        // closed by PDFBox with the document
        return new Opened(PDType0Font.load(document, path.toFile()), () -> { });
    }

    /** A font loaded into a document and what must stay open until the document is saved. */
    record Opened(PDFont font, Closeable resource) implements Closeable {
        @Override
        public void close() throws IOException {
            resource.close();
        }
    }

    /** Why a file cannot be the letter font, or null if it can. */
    private static String problem(Path file, boolean mustHaveChinese) {
        if (!Files.isRegularFile(file)) {
            return "missing";
        }
        try {
            if (isCollection(file)) {
                try (TrueTypeCollection collection = new TrueTypeCollection(file.toFile())) {
                    return problem(first(collection), file, mustHaveChinese);
                }
            }
            try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()))) {
                return problem(font, file, mustHaveChinese);
            }
        } catch (IOException | RuntimeException e) {
            return "not a TrueType font: " + e.getMessage();
        }
    }

    private static String problem(TrueTypeFont font, Path file, boolean mustHaveChinese) throws IOException {
        if (font instanceof OpenTypeFont otf && otf.isPostScript()) {
            return "CFF outlines, PDFBox embeds only TrueType (glyf) outlines";
        }
        if (font.getGlyph() == null) {
            return "no glyf table";
        }
        boolean chinese = font.getUnicodeCmapLookup(false) != null
                && font.getUnicodeCmapLookup(false).getGlyphId('中') != 0;
        if (!chinese && mustHaveChinese) {
            return "no Chinese glyphs";
        }
        if (!chinese) {
            log.warn("the configured letter font {} has no glyph for 中: Chinese letters will print '?'", file);
        }
        return null;
    }

    private static TrueTypeFont first(TrueTypeCollection collection) throws IOException {
        TrueTypeFont[] first = new TrueTypeFont[1];
        collection.processAllFonts(font -> {
            if (first[0] == null) {
                first[0] = font;
            }
        });
        if (first[0] == null) {
            throw new IOException("empty font collection");
        }
        return first[0];
    }

    private static boolean isCollection(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc");
    }

    @Override
    public String toString() {
        return path == null ? "fallback " + (Files.isRegularFile(LATIN_FALLBACK) ? LATIN_FALLBACK : "Helvetica")
                : path.toString();
    }
}
