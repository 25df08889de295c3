package org.dealerplatform.customer.file;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class ReservedCharactersTest {

    static final String HQ = "Bearer " + DevTokens.hq();
    static final String NANJING_SALES = DevTokens.bearer("alice", "JS-NJ-01", "SALES");

    @Autowired
    MockMvc mvc;

    private void refused(String path, String auth, String json, String field) throws Exception {
        mvc.perform(post(path).header("Authorization", auth).contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field))
                // INT-3 (@DimensionValue: *, | or a control character) or, for a control character, already SEC-8 (BodyText)
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.either(
                        org.hamcrest.Matchers.equalTo("must not contain *, | or control characters"))
                        .or(org.hamcrest.Matchers.startsWith("must not contain control characters"))));
    }

    @Test
    @DisplayName("INT-3 customer commands refuse *, | and control characters in branch, customer ids, VIN, model and plate with 400 and the field")
    void customerCommandsRefuseReservedCharacters() throws Exception {
        refused("/api/customers", HQ, """
                {"branchId":"JS-NJ-01|*","name":"王伟","type":"INDIVIDUAL","mobile":"13912345678"}""", "branchId");
        refused("/api/customers/c-1/merge", NANJING_SALES, "{\"mergeCustomerId\":\"*\"}", "mergeCustomerId");
        refused("/api/customers/c-1/vehicles", NANJING_SALES, """
                {"vin":"1HGCM82633A004352","model":"*","category":"PASSENGER_CAR"}""", "model");
        refused("/api/customers/c-1/vehicles", NANJING_SALES, """
                {"vin":"1HGCM82633A00435\\u0000","model":"Lavida","category":"PASSENGER_CAR"}""", "vin");
        refused("/api/customers/c-1/vehicles", NANJING_SALES, """
                {"vin":"1HGCM82633A004352","model":"Lavida","category":"PASSENGER_CAR","plate":"苏A|2345"}""", "plate");
        refused("/api/customers/c-1/vehicles/1HGCM82633A004352/transfer", NANJING_SALES,
                "{\"toCustomerId\":\"c\\u001b2\"}", "toCustomerId");
    }

    @Test
    @DisplayName("SEC-8 a NUL or ESC in a free-text body field (name, address) is a 400 problem naming the field and nothing is stored; an address over several lines (CR LF, TAB) is stored as given")
    void controlCharactersInBodyText() throws Exception {
        String mobile = org.dealerplatform.customer.CustomerApi.mobile();
        for (String[] bad : new String[][] {{"王\\u0000伟", "南京市"}, {"王伟", "南京市\\u001b[2J"}}) {
            mvc.perform(post("/api/customers").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"name":"%s","type":"INDIVIDUAL","mobile":"%s","address":"%s"}""".formatted(bad[0], mobile, bad[1])))
                    .andExpect(status().isBadRequest())
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value(bad[0].equals("王伟") ? "address" : "name"))
                    .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("must not contain control characters")));
        }
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/customers")
                        .param("mobile", mobile).header("Authorization", NANJING_SALES))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalElements").value(0));
        String id = new org.dealerplatform.customer.CustomerApi(mvc).register(NANJING_SALES, "王伟", mobile,
                "南京市鼓楼区\\r\\n中山路1号\\t3楼", java.time.LocalDate.now());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/customers/" + id)
                        .header("Authorization", NANJING_SALES))
                .andExpect(status().isOk()).andExpect(jsonPath("$.address").value("南京市鼓楼区\r\n中山路1号\t3楼"));
    }
}
