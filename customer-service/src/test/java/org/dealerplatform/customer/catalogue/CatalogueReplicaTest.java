package org.dealerplatform.customer.catalogue;

import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.platform.catalogue.ModelCatalogueReplica;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class CatalogueReplicaTest {

    static final String TOPIC = "sales.catalogue.events";
    static final String TYPE = "dealer.sales.VehicleModelChanged.v1";

    @Autowired
    MockMvc mvc;
    @Autowired
    ModelCatalogueReplica replica;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    CustomerApi api;

    @BeforeEach
    void setUp() {
        api = new CustomerApi(mvc);
    }

    @Test
    @DisplayName("SAL-12 a model HQ publishes reaches the replica; a customer vehicle naming its alias stores the catalogue model id and the catalogue's category, not the caller's")
    void vehicleReferencesTheCatalogueModel() throws Exception {
        String model = "Sprinkler " + UUID.randomUUID();
        String alias = "sprinkler-" + UUID.randomUUID();
        publish(model, "[\"" + alias + "\"]", 1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> replica.resolve(alias).isPresent());

        String customer = api.register(NANJING_SALES);
        addVehicle(customer, "  " + alias.toUpperCase() + " ", "PASSENGER_CAR").andExpect(status().isCreated())
                .andExpect(jsonPath("$.vehicles[0].model").value(model))
                .andExpect(jsonPath("$.vehicles[0].category").value("SPRINKLER"));
    }

    @Test
    @DisplayName("SAL-12 a customer vehicle naming a model neither in the catalogue nor an alias answers 422 model and the file keeps no vehicle")
    void unknownModelIsRefused() throws Exception {
        String customer = api.register(NANJING_SALES);
        addVehicle(customer, "Passat 330 TSI turbo", "PASSENGER_CAR").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("model"));
        mvc.perform(get("/api/customers/" + customer).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.vehicles.length()").value(0));
    }

    @Test
    @DisplayName("SAL-12 an alias HQ takes away from a model stops resolving; a stale event of the model does not bring it back")
    void aliasTakenAway() throws Exception {
        String model = "Tank " + UUID.randomUUID();
        String alias = "tank-" + UUID.randomUUID();
        publish(model, "[\"" + alias + "\"]", 1);
        publish(model, "[]", 2);
        publish(model, "[\"" + alias + "\"]", 1); // a redelivered old event
        String marker = "Marker " + UUID.randomUUID();
        publish(model, marker, "[]", 1); // keyed like the model: same partition, so applied after the three above
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> replica.resolve(marker).isPresent()
                && replica.resolve(model).isPresent());
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> replica.resolve(alias).isEmpty());
    }

    private void publish(String model, String aliases, long version) {
        publish(model, model, aliases, version);
    }

    private void publish(String key, String model, String aliases, long version) {
        String payload = """
                {"modelId":"%s","brand":"Sinotruk","series":"Sprinkler","name":"%s","category":"SPRINKLER",
                 "aliases":%s,"changedAt":"2026-11-20T02:15:%02dZ"}""".formatted(model, model, aliases, version);
        TestEvents.publish(brokers, TOPIC, TYPE, key, version, null, payload);
    }

    private ResultActions addVehicle(String customer, String model, String category) throws Exception {
        return mvc.perform(post("/api/customers/" + customer + "/vehicles").header("Authorization", NANJING_SALES)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"vin":"%s","model":"%s","category":"%s"}""".formatted(CustomerApi.vin(), model, category)));
    }
}
