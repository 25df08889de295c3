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
                .andExpect(jsonPath("$.errors[0].message").value("must not contain *, | or control characters"));
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
}
