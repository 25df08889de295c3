package org.dealerplatform.customer;

import static org.dealerplatform.customer.CustomerApi.HANGZHOU_SALES;
import static org.dealerplatform.customer.CustomerApi.HQ;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** GW-2: a branch user cannot read, search, change, merge or export another branch's customers; HQ can. */
@ServiceTest
class BranchIsolationTest {

    @Autowired
    MockMvc mvc;
    CustomerApi api;
    String nanjing;
    String nanjingMobile;
    String nanjingVin;
    String hangzhou;

    @BeforeEach
    void setUp() throws Exception {
        api = new CustomerApi(mvc);
        nanjingMobile = CustomerApi.mobile();
        nanjing = api.register(NANJING_SALES, "南京客户", nanjingMobile, "南京", LocalDate.now().minusDays(10));
        nanjingVin = api.addVehicle(NANJING_SALES, nanjing, CustomerApi.vin(), "PASSENGER_CAR", null);
        hangzhou = api.register(HANGZHOU_SALES, "杭州客户", CustomerApi.mobile(), "杭州", LocalDate.now());
    }

    @Test
    @DisplayName("GW-2 CUS-1 read: another branch's file, its classification, 360 and preferences answer 404; HQ reads them")
    void read() throws Exception {
        for (String path : new String[] {"", "/classification", "/360", "/contact-preferences"}) {
            mvc.perform(get("/api/customers/" + nanjing + path).header("Authorization", HANGZHOU_SALES))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/api/customers/" + nanjing + path).header("Authorization", HQ)).andExpect(status().isOk());
        }
    }

    @Test
    @DisplayName("GW-2 CUS-8 search: another branch's files never appear, whatever the filter (even naming its branch); overdue lists too")
    void search() throws Exception {
        mvc.perform(get("/api/customers").param("mobile", nanjingMobile).header("Authorization", HANGZHOU_SALES))
                .andExpect(jsonPath("$.totalElements").value(0));
        mvc.perform(get("/api/customers").param("vin", nanjingVin).param("branchId", "JS-NJ-01").header("Authorization", HANGZHOU_SALES))
                .andExpect(jsonPath("$.totalElements").value(0));
        mvc.perform(get("/api/customers").param("name", "南京客户").param("size", "200").header("Authorization", HANGZHOU_SALES))
                .andExpect(jsonPath("$.content[*].id", not(hasItem(nanjing))));
        mvc.perform(get("/api/customers/overdue").param("branchId", "JS-NJ-01").header("Authorization", HANGZHOU_SALES))
                .andExpect(jsonPath("$.totalElements").value(0));
        mvc.perform(get("/api/customers").param("vin", nanjingVin).header("Authorization", HQ))
                .andExpect(jsonPath("$.content[0].id").value(nanjing));
    }

    @Test
    @DisplayName("GW-2 CUS-1 update: another branch's file cannot be updated, given vehicles or visits, nor its consent changed (404)")
    void update() throws Exception {
        mvc.perform(put("/api/customers/" + nanjing).header("Authorization", HANGZHOU_SALES).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"改名\"}")).andExpect(status().isNotFound());
        mvc.perform(post("/api/customers/" + nanjing + "/vehicles").header("Authorization", HANGZHOU_SALES).contentType(MediaType.APPLICATION_JSON)
                .content("{\"vin\":\"" + CustomerApi.vin() + "\",\"model\":\"Tiguan L\",\"category\":\"SUV\"}")).andExpect(status().isNotFound());
        mvc.perform(post("/api/customers/" + nanjing + "/visits").header("Authorization", HANGZHOU_SALES).contentType(MediaType.APPLICATION_JSON)
                .content("{\"date\":\"" + LocalDate.now() + "\"}")).andExpect(status().isNotFound());
        mvc.perform(put("/api/customers/" + nanjing + "/contact-preferences").header("Authorization", HANGZHOU_SALES)
                .contentType(MediaType.APPLICATION_JSON).content("{\"consents\":{\"SMS\":false}}")).andExpect(status().isNotFound());
        mvc.perform(get("/api/customers/" + nanjing).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.name").value("南京客户"))
                .andExpect(jsonPath("$.vehicles.length()").value(1))
                .andExpect(jsonPath("$.consents.SMS").value(true));
    }

    @Test
    @DisplayName("GW-2 INT-1 CUS-6 CUS-9 merge and transfer: a branch user cannot merge or move vehicles across branches (another branch's file in the path 404, in the body 422); HQ can merge any two files")
    void mergeAndTransfer() throws Exception {
        mvc.perform(post("/api/customers/" + hangzhou + "/merge").header("Authorization", HANGZHOU_SALES)
                .contentType(MediaType.APPLICATION_JSON).content("{\"mergeCustomerId\":\"" + nanjing + "\"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("mergeCustomerId"));
        mvc.perform(post("/api/customers/" + nanjing + "/merge").header("Authorization", HANGZHOU_SALES)
                .contentType(MediaType.APPLICATION_JSON).content("{\"mergeCustomerId\":\"" + hangzhou + "\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/customers/" + nanjing + "/vehicles/" + nanjingVin + "/transfer").header("Authorization", NANJING_SALES)
                .contentType(MediaType.APPLICATION_JSON).content("{\"toCustomerId\":\"" + hangzhou + "\"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("toCustomerId"));
        mvc.perform(get("/api/customers/" + nanjing).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.status").value("ACTIVE")).andExpect(jsonPath("$.vehicles[0].vin").value(nanjingVin));
        mvc.perform(post("/api/customers/" + hangzhou + "/merge").header("Authorization", HQ)
                .contentType(MediaType.APPLICATION_JSON).content("{\"mergeCustomerId\":\"" + nanjing + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.vehicles[0].vin").value(nanjingVin));
    }

    @Test
    @DisplayName("GW-2 CUS-1 export: a branch exports only its own files, even when naming another branch; HQ exports any")
    void export() throws Exception {
        mvc.perform(get("/api/customers/export").param("branchId", "JS-NJ-01").header("Authorization", HANGZHOU_SALES))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(nanjing))));
        mvc.perform(get("/api/customers/export").header("Authorization", HANGZHOU_SALES))
                .andExpect(content().string(containsString(hangzhou)))
                .andExpect(content().string(not(containsString(nanjing))));
        mvc.perform(get("/api/customers/export").param("branchId", "JS-NJ-01").header("Authorization", HQ))
                .andExpect(content().string(containsString(nanjing)))
                .andExpect(content().string(not(containsString(hangzhou))));
    }
}
