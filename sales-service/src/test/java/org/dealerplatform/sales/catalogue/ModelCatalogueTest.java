package org.dealerplatform.sales.catalogue;

import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.dealerplatform.sales.SalesFixtures.NANJING_MANAGER;
import static org.dealerplatform.sales.SalesFixtures.NANJING_SALES;
import static org.dealerplatform.sales.SalesFixtures.credit;
import static org.dealerplatform.sales.SalesFixtures.recordSale;
import static org.dealerplatform.sales.SalesFixtures.saleJson;
import static org.dealerplatform.sales.SalesFixtures.salesperson;
import static org.dealerplatform.sales.SalesFixtures.uniqueId;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.sales.catalogue.persistence.CatalogueModelStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class ModelCatalogueTest {
    @Autowired
    org.dealerplatform.sales.customer.application.CustomerReplica replica;

    @org.junit.jupiter.api.BeforeEach
    void customersInTheReplica() {
        org.dealerplatform.sales.SalesFixtures.seedCustomers(replica);
    }


    @Autowired
    MockMvc mvc;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("SAL-12 adding and changing a model publish VehicleModelChanged (matching its schema) through the outbox; saving the same details again publishes nothing")
    void changesArePublished() throws Exception {
        String id = uniqueId("Tank");
        putModel(id, "TANK_CAR").andExpect(status().isOk());
        putModel(id, "TANK_CAR").andExpect(status().isOk());
        putModel(id, "CHEMICAL_TRUCK").andExpect(status().isOk());

        try (TopicProbe probe = new TopicProbe(brokers, CatalogueModelStore.TOPIC)) {
            probe.await(r -> id.equals(r.key()), 2, Duration.ofSeconds(20));
            List<ConsumerRecord<String, byte[]>> records = probe.settle(r -> id.equals(r.key()), Duration.ofSeconds(1));
            org.assertj.core.api.Assertions.assertThat(records).as("added, changed; the unchanged save published nothing").hasSize(2);
            for (ConsumerRecord<String, byte[]> record : records) {
                org.assertj.core.api.Assertions.assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("dealer.sales.VehicleModelChanged.v1");
                EventContracts.assertConforms(TopicProbe.header(record, "ce_type"), TopicProbe.value(record));
            }
            org.assertj.core.api.Assertions.assertThat(TopicProbe.value(records.get(0))).contains("\"category\":\"TANK_CAR\"");
            org.assertj.core.api.Assertions.assertThat(TopicProbe.value(records.get(1))).contains("\"category\":\"CHEMICAL_TRUCK\"");
        }
    }

    @Test
    @DisplayName("SAL-12 mapping an alias publishes the model's VehicleModelChanged with its spellings; remapping it publishes the old model without it, so replicas resolve as sales does")
    void aliasesArePublishedWithTheirModel() throws Exception {
        String first = uniqueId("Tank");
        String second = uniqueId("Tank");
        String spelling = uniqueId("tank-x");
        putModel(first, "TANK_CAR").andExpect(status().isOk());
        putModel(second, "TANK_CAR").andExpect(status().isOk());
        mvc.perform(put("/api/hq/catalogue/aliases/" + spelling).header("Authorization", HQ)
                .contentType(MediaType.APPLICATION_JSON).content("{\"modelId\":\"" + first + "\"}")).andExpect(status().isOk());
        mvc.perform(put("/api/hq/catalogue/aliases/" + spelling).header("Authorization", HQ)
                .contentType(MediaType.APPLICATION_JSON).content("{\"modelId\":\"" + second + "\"}")).andExpect(status().isOk());

        try (TopicProbe probe = new TopicProbe(brokers, CatalogueModelStore.TOPIC)) {
            probe.await(r -> first.equals(r.key()) || second.equals(r.key()), 5, Duration.ofSeconds(20));
            List<ConsumerRecord<String, byte[]>> ofFirst = probe.settle(r -> first.equals(r.key()), Duration.ofSeconds(1));
            List<ConsumerRecord<String, byte[]>> ofSecond = probe.settle(r -> second.equals(r.key()), Duration.ofSeconds(1));
            org.assertj.core.api.Assertions.assertThat(ofFirst).as("added, aliased, alias taken away").hasSize(3);
            org.assertj.core.api.Assertions.assertThat(TopicProbe.value(ofFirst.get(1))).contains("\"aliases\":[\"" + spelling + "\"]");
            org.assertj.core.api.Assertions.assertThat(TopicProbe.value(ofFirst.get(2))).contains("\"aliases\":[]");
            org.assertj.core.api.Assertions.assertThat(TopicProbe.value(ofSecond.get(ofSecond.size() - 1)))
                    .contains("\"aliases\":[\"" + spelling + "\"]");
            EventContracts.assertConforms("dealer.sales.VehicleModelChanged.v1", TopicProbe.value(ofFirst.get(1)));
        }
    }

    @Test
    @DisplayName("SAL-12 HQ adds a model with its category; every role lists it; a branch cannot change the catalogue")
    void hqMaintainsTheCatalogue() throws Exception {
        String id = uniqueId("Santana");
        putModel(id, "SPRINKLER").andExpect(status().isOk()).andExpect(jsonPath("$.category").value("SPRINKLER"));

        mvc.perform(get("/api/sales/catalogue/models").header("Authorization", NANJING_SALES).param("category", "SPRINKLER"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(hasItem(id)))
                .andExpect(jsonPath("$[*].id").value(hasItem("Sinotruk sprinkler 12t")))
                .andExpect(jsonPath("$[*].id").value(not(hasItem("Passat 330TSI"))));
        mvc.perform(put("/api/hq/catalogue/models/" + id).header("Authorization", NANJING_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"brand\":\"VW\",\"series\":\"Santana\",\"name\":\"x\",\"category\":\"PASSENGER_CAR\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("SAL-12 a sale naming a known alias stores the catalogue model id and the catalogue's category, not the caller's")
    void aliasResolvesToTheCatalogueModel() throws Exception {
        String li = salesperson(mvc, "JS-NJ-01");
        String id = recordSale(mvc, NANJING_SALES, saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(li, 100), "  帕萨特 ", "INDIVIDUAL", 100_000, "2026-03-20"));
        mvc.perform(get("/api/sales/sales/" + id).header("Authorization", NANJING_SALES)).andExpect(status().isOk())
                .andExpect(jsonPath("$.vehicle.model").value("Passat 330TSI"))
                .andExpect(jsonPath("$.vehicle.category").value("PASSENGER_CAR"));

        String tiguan = recordSale(mvc, NANJING_SALES, saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(li, 100), "tiguan", "INDIVIDUAL", 100_000, "2026-03-20"));
        mvc.perform(get("/api/sales/sales/" + tiguan).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.vehicle.model").value("Tiguan L"))
                .andExpect(jsonPath("$.vehicle.category").value("SUV"));
    }

    @Test
    @DisplayName("SAL-12 an alias HQ maps later resolves from then on; an alias of an unknown model answers 422 modelId")
    void hqMapsNewAliases() throws Exception {
        String spelling = uniqueId("ti-guan");
        String li = salesperson(mvc, "JS-NJ-01");
        mvc.perform(post("/api/sales/sales").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content(saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(li, 100), spelling, "INDIVIDUAL", 100_000, "2026-03-20")))
                .andExpect(status().isUnprocessableContent());

        mvc.perform(put("/api/hq/catalogue/aliases/" + spelling).header("Authorization", HQ)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"modelId\":\"Tiguan L 380TSI\"}"))
                .andExpect(status().isOk());
        String id = recordSale(mvc, NANJING_SALES, saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(li, 100), spelling.toUpperCase(), "INDIVIDUAL", 100_000, "2026-03-20"));
        mvc.perform(get("/api/sales/sales/" + id).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.vehicle.model").value("Tiguan L 380TSI"));

        mvc.perform(put("/api/hq/catalogue/aliases/" + uniqueId("x")).header("Authorization", HQ)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"modelId\":\"No such model\"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("modelId"));
    }

    @Test
    @DisplayName("SAL-12 recording or correcting a sale with a model neither in the catalogue nor an alias answers 422 vehicle.model and changes nothing")
    void unknownModelIsRefused() throws Exception {
        String li = salesperson(mvc, "JS-NJ-01");
        mvc.perform(post("/api/sales/sales").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content(saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(li, 100), "Passat 330 TSI turbo", "INDIVIDUAL", 100_000, "2026-03-20")))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("vehicle.model"));

        String id = recordSale(mvc, NANJING_SALES, saleJson(org.dealerplatform.sales.SalesFixtures.customerOf("JS-NJ-01"), null, credit(li, 100), "Lavida", "INDIVIDUAL", 100_000, "2026-03-20"));
        mvc.perform(post("/api/sales/sales/" + id + "/correct").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"customerId":"cust-JS-NJ-01","salespeople":[%s],"vehicle":{"vin":"1HGCM82633A004352","model":"Lavidaa"},
                                 "segment":"INDIVIDUAL","amountFen":90000,"saleDate":"2026-03-20","reason":"typo"}""".formatted(credit(li, 100))))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("vehicle.model"));
        mvc.perform(get("/api/sales/sales/" + id).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.vehicle.model").value("Lavida 1.5L"))
                .andExpect(jsonPath("$.amountFen").value(100_000))
                .andExpect(jsonPath("$.version").value(1));
    }

    private org.springframework.test.web.servlet.ResultActions putModel(String id, String category) throws Exception {
        return mvc.perform(put("/api/hq/catalogue/models/" + id).header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                .content("{\"brand\":\"Dongfeng\",\"series\":\"Sprinkler\",\"name\":\"" + id + "\",\"category\":\"" + category + "\"}"));
    }
}
