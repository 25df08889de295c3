package org.dealerplatform.notification.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.MessageTemplates;
import org.dealerplatform.notification.outbound.Purpose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ECO-2: a Chinese customer's letter renders with a CJK font found without any configuration, and its text layer
 * holds the Chinese text. Before ECO-2 the default font was DejaVu Sans and this text printed as '?'. Needs Debian's
 * {@code fonts-wqy-microhei} (or another of {@link LetterFont#KNOWN_PATHS}); {@code .ci/run} installs it when missing.
 */
class ChineseLetterPdfTest {

    static final MessageTemplates.Branch NANJING = new MessageTemplates.Branch("南京江宁店", "南京市江宁区汽车城路8号",
            "025-8888-0001");

    @Test
    @DisplayName("ECO-2 a Chinese maintenance letter's PDF text layer holds the name, address and body, with an embedded CJK subset")
    void chineseLetterTextLayer() throws Exception {
        LetterFont font = LetterFont.find(null);
        assertThat(font.path())
                .as("no CJK font among %s: install fonts-wqy-microhei", LetterFont.KNOWN_PATHS)
                .isPresent();

        String body = new MessageTemplates("经销商").render(Purpose.MAINTENANCE_DUE, Channel.LETTER, "zh-CN", "王小明",
                NANJING, Map.of("model", "帕萨特 330TSI", "vin", "LSVAU2A37N2183920", "dueDate", "2027-03-15")).body();
        String recipient = "王小明\n江苏省南京市鼓楼区中山北路100号3栋502室\n210009";
        byte[] pdf = new LetterPdf(font).render("南京江宁店  南京市江宁区汽车城路8号  2027-03-01",
                List.of(new LetterPdf.Letter(recipient, body)));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("王小明", "江苏省南京市鼓楼区中山北路100号3栋502室", "尊敬的王小明", "帕萨特",
                    "到期保养", "南京市江宁区汽车城路8号", "南京江宁店");
            assertThat(text).doesNotContain("?");

            PDPage page = document.getPage(0);
            List<PDFont> fonts = new ArrayList<>();
            for (var name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
            assertThat(fonts).singleElement().satisfies(f -> {
                assertThat(f.isEmbedded()).isTrue();
                // a subset's name carries a six-letter tag, e.g. ABCDEF+WenQuanYiMicroHei
                assertThat(f.getName()).matches("[A-Z]{6}\\+.*");
            });
        }
        // the collection is ~5 MB; the subset of a few dozen glyphs keeps a letter small
        assertThat(pdf.length).isLessThan(100_000);
    }

    @Test
    @DisplayName("ECO-2 a character outside the font (𠀀, CJK extension B) prints as one '?', the rest of the name prints")
    void characterOutsideTheFont() throws Exception {
        LetterFont font = LetterFont.find(null);
        assertThat(font.path()).as("no CJK font among %s", LetterFont.KNOWN_PATHS).isPresent();
        byte[] pdf = new LetterPdf(font).render("测试", List.of(new LetterPdf.Letter("王𠀀明", "尊敬的王𠀀明：")));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            if (font.path().get().toString().contains("wqy")) {
                // WenQuanYi Micro Hei covers the basic CJK block (GBK), not extension B
                assertThat(text).contains("王?明", "尊敬的王?明：").doesNotContain("??");
            } else {
                assertThat(text).contains("明");
            }
        }
    }

    @Test
    @DisplayName("ECO-2 lookup order: the configured file, then known paths; a missing or non-CJK candidate is skipped")
    void lookupOrder(@TempDir Path dir) throws Exception {
        Path notAFont = Files.writeString(dir.resolve("broken.ttf"), "not a font");
        Path missing = dir.resolve("missing.ttc");
        Path wqy = LetterFont.KNOWN_PATHS.get(0);

        assertThat(LetterFont.find(missing.toString(), List.of(notAFont, wqy)).path()).contains(wqy);
        assertThat(LetterFont.find(null, List.of(missing, notAFont)).path()).isEmpty();
        if (Files.isRegularFile(LetterFont.LATIN_FALLBACK)) {
            // DejaVu has no Chinese: refused as a known path, accepted (with a warning) when configured on purpose
            assertThat(LetterFont.find(null, List.of(LetterFont.LATIN_FALLBACK)).path()).isEmpty();
            assertThat(LetterFont.find(LetterFont.LATIN_FALLBACK.toString(), List.of(wqy)).path())
                    .contains(LetterFont.LATIN_FALLBACK);
        }

        // no font at all: letters still render (Latin fallback), Chinese as '?'
        byte[] pdf = new LetterPdf(LetterFont.find(null, List.of())).render("Batch",
                List.of(new LetterPdf.Letter("王小明", "Dear customer")));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("???", "Dear customer");
        }
    }
}
