package org.dealerplatform.aftersales.workorder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.dealerplatform.platform.catalogue.ModelCatalogueReplica;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class WalkInCatalogueTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ModelCatalogueReplica catalogue;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("SAL-12 a walk-in work order naming a catalogue alias (spelled in any case) creates the serviced vehicle with the catalogue model id and the catalogue's category, not the caller's")
    void walkInReferencesTheCatalogueModel() throws Exception {
        String vin = Fixtures.vin();
        walkIn(vin, " 洒水车 ", "PASSENGER_CAR").andExpect(status().isCreated());
        mvc.perform(get("/api/aftersales/vehicles/" + vin).header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.model").value("Sinotruk sprinkler 12t"))
                .andExpect(jsonPath("$.category").value("SPRINKLER"));
    }

    @Test
    @DisplayName("SAL-12 a walk-in work order naming a model neither in the catalogue nor an alias answers 422 model, and no vehicle is created")
    void unknownModelIsRefused() throws Exception {
        String vin = Fixtures.vin();
        walkIn(vin, "Sagitarr", "PASSENGER_CAR").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("model"));
        mvc.perform(get("/api/aftersales/vehicles/" + vin).header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("SAL-12 the catalogue replica follows sales.catalogue.events: a model HQ adds is usable for a walk-in a moment later")
    void replicaFollowsTheCatalogueEvents() throws Exception {
        String model = "Tank " + UUID.randomUUID();
        TestEvents.publish(brokers, "sales.catalogue.events", "dealer.sales.VehicleModelChanged.v1", model, 1, null, """
                {"modelId":"%s","brand":"Dongfeng","series":"Tank car","name":"%s","category":"TANK_CAR",
                 "aliases":["%s alias"],"changedAt":"2026-11-20T02:15:30Z"}""".formatted(model, model, model));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> catalogue.resolve(model + " ALIAS").isPresent());
        String vin = Fixtures.vin();
        walkIn(vin, model + " alias", "PASSENGER_CAR").andExpect(status().isCreated());
        mvc.perform(get("/api/aftersales/vehicles/" + vin).header("Authorization", Fixtures.NANJING_ADVISOR))
                .andExpect(jsonPath("$.model").value(model)).andExpect(jsonPath("$.category").value("TANK_CAR"));
    }

    private ResultActions walkIn(String vin, String model, String category) throws Exception {
        return mvc.perform(post("/api/aftersales/work-orders").header("Authorization", Fixtures.NANJING_ADVISOR)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"vin":"%s","jobType":"REPAIR","serviceDate":"2026-11-01","mileageKm":800,"items":["wash"],
                         "partsFen":10000,"labourFen":5000,"model":"%s","category":"%s"}""".formatted(vin, model, category)));
    }
}
