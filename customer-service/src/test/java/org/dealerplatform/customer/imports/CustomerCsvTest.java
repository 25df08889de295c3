package org.dealerplatform.customer.imports;

import org.dealerplatform.platform.jobs.RowProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CustomerCsvTest {

    @Test
    @DisplayName("CUS-8 each invalid field of a CSV row is reported with its spreadsheet row number; Chinese text is kept")
    void rowProblems() throws Exception {
        String csv = """
                name,type,mobile,email,address,preferredLanguage,firstVisitDate
                王伟,INDIVIDUAL,13812345678,wang@example.cn,南京市鼓楼区中山路1号,zh-CN,2026-11-20
                ,ALIEN,12345,not-mail,,fr,2026-13-01
                李娜,,+86 139 1234 5678,,,,
                """;
        CustomerCsv.Parsed parsed = CustomerCsv.parse(new StringReader(csv), LocalDate.of(2026, 11, 26));
        assertThat(parsed.total()).isEqualTo(3);
        assertThat(parsed.rows()).extracting(CustomerCsv.Row::row).containsExactly(2L, 4L);
        assertThat(parsed.rows().get(0).address()).isEqualTo("南京市鼓楼区中山路1号");
        assertThat(parsed.rows().get(1).mobile()).isEqualTo("13912345678");
        assertThat(parsed.problems()).extracting(RowProblem::row).containsOnly(3L);
        assertThat(parsed.problems()).extracting(RowProblem::field)
                .containsExactly("name", "type", "mobile", "email", "preferredLanguage", "firstVisitDate");
    }
}
