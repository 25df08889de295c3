package org.dealerplatform.sales.organisation;

import static org.dealerplatform.sales.SalesFixtures.HANGZHOU_MANAGER;
import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.dealerplatform.sales.SalesFixtures.NANJING_MANAGER;
import static org.dealerplatform.sales.SalesFixtures.NANJING_SALES;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.dealerplatform.sales.SalesFixtures;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class OrganisationTest {

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("SAL-2 SAL-9 the default branches and their regions are seeded; only HQ changes branches")
    void branches() throws Exception {
        mvc.perform(get("/api/sales/branches").header("Authorization", NANJING_SALES)).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id=='JS-NJ-01')].regionId").value("JIANGSU"))
                .andExpect(jsonPath("$[?(@.id=='ZJ-NB-01')].name").value("Ningbo"))
                .andExpect(jsonPath("$[*].id", hasItem("JS-WX-01")));
        String entry = "[{\"id\":\"SH-PD-01\",\"name\":\"Pudong\",\"regionId\":\"SHANGHAI\",\"regionName\":\"Shanghai\"}]";
        mvc.perform(put("/api/sales/branches").header("Authorization", NANJING_MANAGER).contentType(MediaType.APPLICATION_JSON)
                .content(entry)).andExpect(status().isForbidden());
        mvc.perform(put("/api/sales/branches").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON).content(entry))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.id=='SH-PD-01')].regionId").value("SHANGHAI"));
        mvc.perform(put("/api/sales/branches").header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                        .content("[{\"id\":\"x\",\"name\":\"\",\"regionId\":\"\"}]"))
                .andExpect(status().isBadRequest());
    }

    @Test
    @DisplayName("GW-2 a branch manager maintains the salespeople of their branch only; others see none of them")
    void salespeople() throws Exception {
        String id = SalesFixtures.uniqueId("sp");
        mvc.perform(put("/api/sales/salespeople/" + id).header("Authorization", NANJING_MANAGER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"李明\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.branchId").value("JS-NJ-01"));
        mvc.perform(put("/api/sales/salespeople/" + id).header("Authorization", HANGZHOU_MANAGER).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"stolen\"}")).andExpect(status().isNotFound());
        mvc.perform(put("/api/sales/salespeople/" + id).header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\"}")).andExpect(status().isForbidden());
        mvc.perform(get("/api/sales/salespeople").header("Authorization", HANGZHOU_MANAGER))
                .andExpect(jsonPath("$[?(@.id=='" + id + "')]").isEmpty());
        mvc.perform(get("/api/sales/salespeople").header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$[?(@.id=='" + id + "')].name").value("李明"));
    }

    @Test
    @DisplayName("GW-5 the OpenAPI document lists the sales endpoints")
    void openApi() throws Exception {
        mvc.perform(get("/v3/api-docs").header("Authorization", org.dealerplatform.test.DevTokens.monitoring())).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/sales/sales']").exists())
                .andExpect(jsonPath("$.paths['/api/hq/rollups/rebuild']").exists());
    }
}
