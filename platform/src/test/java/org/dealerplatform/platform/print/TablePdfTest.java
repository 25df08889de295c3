package org.dealerplatform.platform.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TablePdfTest {

    @Test
    @DisplayName("ECO-4 a printable report puts 10,000 rows on numbered landscape pages with the Chinese headers on each page, in a CJK font")
    void rendersChineseTablesOnPages() throws Exception {
        assertThat(TablePdf.cjkFont()).as("a CJK font (fonts-wqy-microhei) is installed here").isNotNull();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            rows.add(List.of("客户" + i, "南京市玄武区中山路" + i + "号", String.format("%,d.%02d", i * 1_234L, i % 100)));
        }
        byte[] pdf = TablePdf.render("客户档案基本信息表", "打印日期 2026-12-02", List.of("名称", "地址", "金额（元）"), rows,
                new boolean[] {false, false, true});
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThan(200);
            assertThat(document.getPage(0).getMediaBox().getWidth()).isGreaterThan(document.getPage(0).getMediaBox().getHeight());
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(pages);
            stripper.setEndPage(pages);
            String last = stripper.getText(document);
            assertThat(last).contains("客户档案基本信息表").contains("名称").contains("金额（元）").contains("客户9999")
                    .contains(pages + " / " + pages).doesNotContain("?");
        }
    }
}
