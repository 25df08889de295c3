package org.dealerplatform.aftersales.workorder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class ReservedCharactersTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    private void refused(String path, String auth, String json, String field) throws Exception {
        mvc.perform(post(path).header("Authorization", auth).contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field))
                // INT-3 (@DimensionValue: *, | or a control character) or, for a control character, already SEC-8 (BodyText)
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.either(
                        org.hamcrest.Matchers.equalTo("must not contain *, | or control characters"))
                        .or(org.hamcrest.Matchers.startsWith("must not contain control characters"))));
    }

    private static String workOrder(String extra) {
        return """
                {"vin":"%s","jobType":"MAINTENANCE","serviceDate":"2026-11-20","mileageKm":5120,"items":["oil change"],
                 "partsFen":45000,"labourFen":20000%s}""".formatted(Fixtures.vin(), extra);
    }

    @Test
    @DisplayName("INT-3 work orders and campaigns refuse *, | and control characters in model, technician, branch and class values with 400 and the field")
    void aftersalesCommandsRefuseReservedCharacters() throws Exception {
        refused("/api/aftersales/work-orders", Fixtures.NANJING_ADVISOR, workOrder(",\"model\":\"*\",\"category\":\"PASSENGER_CAR\""), "model");
        refused("/api/aftersales/work-orders", Fixtures.NANJING_ADVISOR, workOrder(",\"technician\":\"tech\\u0000chen\""), "technician");
        refused("/api/aftersales/work-orders", Fixtures.HQ, workOrder(",\"branchId\":\"JS-NJ-01|x\""), "branchId");
        refused("/api/aftersales/campaigns", Fixtures.NANJING_MANAGER, """
                {"type":"FREE_TESTING_WEEK","name":"Free testing","content":"inspection","startDate":"2026-12-07",
                 "endDate":"2026-12-13","address":"Nanjing","audience":{"customerClasses":["*"]}}""",
                "audience.customerClasses[]");
    }

    @Test
    @DisplayName("SEC-8 a NUL or ESC in a campaign's free text (name, content) is a 400 problem naming the field and nothing is stored; content over several lines (CR LF, TAB) is stored as given")
    void controlCharactersInBodyText() throws Exception {
        java.time.LocalDate start = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(7);
        String name = "免费检测周-" + java.util.UUID.randomUUID();
        String body = """
                {"type":"FREE_TESTING_WEEK","name":"%s","content":"%s","startDate":"%s","endDate":"%s","address":"南京市江宁区汽车城路8号"}""";
        for (String[] bad : new String[][] {{name + "\\u0000", "inspection", "name"}, {name, "inspection\\u001b[2J", "content"}}) {
            mvc.perform(post("/api/aftersales/campaigns").header("Authorization", Fixtures.NANJING_MANAGER)
                            .contentType(MediaType.APPLICATION_JSON).content(body.formatted(bad[0], bad[1], start, start.plusDays(6))))
                    .andExpect(status().isBadRequest())
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(400))
                    .andExpect(jsonPath("$.errors[0].field").value(bad[2]))
                    .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("must not contain control characters")));
        }
        org.assertj.core.api.Assertions.assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("name").regex("^" + java.util.regex.Pattern.quote(name))),
                "campaigns")).isZero();
        mvc.perform(post("/api/aftersales/campaigns").header("Authorization", Fixtures.NANJING_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(name, "30-point inspection\\r\\nwinter check\\tfree", start, start.plusDays(6))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.content").value("30-point inspection\r\nwinter check\tfree"));
    }
}
