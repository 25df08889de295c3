package org.dealerplatform.customer.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.HANGZHOU_SALES;
import static org.dealerplatform.customer.CustomerApi.NANJING;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * CUS-1 UI-5 GW-2: a vehicle of a file is corrected in place (model through the catalogue, plate, purchase date), among
 * 10,000 stored files of the same branch, publishing VehicleRegistered with the vehicle as it now is (once: the same
 * correction again publishes nothing); a caller of another branch, or a VIN the file does not hold, gets 404 and changes
 * nothing.
 */
@ServiceTest
class VehicleChangeTest {

    static final int FILES = 10_000;

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    ResultActions change(String auth, String customer, String vin, String body) throws Exception {
        return mvc.perform(put("/api/customers/" + customer + "/vehicles/" + vin).header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    String withVehicle(String auth, String vin) throws Exception {
        String customer = new CustomerApi(mvc).register(auth);
        mvc.perform(post("/api/customers/" + customer + "/vehicles").header("Authorization", auth)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"vin":"%s","model":"Passat","plate":"苏A11111","purchaseDate":"%s"}""".formatted(vin, today().minusYears(1))))
                .andExpect(status().isCreated());
        return customer;
    }

    @Test
    @DisplayName("CUS-1 UI-5 GW-2 among 10,000 files a vehicle's model, plate and purchase date are corrected; another branch's caller and a VIN not in the file get 404 and change nothing")
    void correctsAVehicleInItsBranchOnly() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<Document> files = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            files.add(new Document("_id", "vc-" + run + "-" + i).append("branchId", NANJING).append("name", "客户 " + i)
                    .append("type", "INDIVIDUAL").append("status", "ACTIVE")
                    .append("vehicles", List.of(new Document("vin", "LSVVC" + String.format("%012d", i))
                            .append("model", "Passat 330TSI").append("category", "PASSENGER_CAR")))
                    .append("version", 1L));
        }
        try {
            for (int from = 0; from < FILES; from += 1000) {
                mongo.insert(files.subList(from, from + 1000), CustomerStore.COLLECTION);
            }
            String vin = CustomerApi.vin();
            String customer = withVehicle(NANJING_SALES, vin);
            String otherVin = CustomerApi.vin();
            String hangzhouCustomer = withVehicle(HANGZHOU_SALES, otherVin);
            String corrected = """
                    {"model":"朗逸","plate":"苏A54321","purchaseDate":"%s"}""".formatted(today().minusMonths(3));

            change(HANGZHOU_SALES, customer, vin, corrected).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.status").value(404));
            change(HANGZHOU_SALES, hangzhouCustomer, vin, corrected).andExpect(status().isNotFound());
            change(NANJING_SALES, customer, otherVin, corrected).andExpect(status().isNotFound());
            change(NANJING_SALES, customer, vin, """
                    {"model":"Passat","plate":"A1"}""").andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("plate"));
            mvc.perform(get("/api/customers/" + customer).header("Authorization", NANJING_SALES))
                    .andExpect(jsonPath("$.vehicles[0].plate").value("苏A11111"))
                    .andExpect(jsonPath("$.vehicles[0].model").value("Passat 330TSI"));

            change(NANJING_SALES, customer, vin, corrected).andExpect(status().isOk())
                    .andExpect(jsonPath("$.vehicles.length()").value(1))
                    .andExpect(jsonPath("$.vehicles[0].vin").value(vin))
                    .andExpect(jsonPath("$.vehicles[0].model").value("Lavida 1.5L"))
                    .andExpect(jsonPath("$.vehicles[0].plate").value("苏A54321"))
                    .andExpect(jsonPath("$.vehicles[0].purchaseDate").value(today().minusMonths(3).toString()));
            change(NANJING_SALES, customer, vin, corrected).andExpect(status().isOk()); // the same again: nothing to publish
            try (TopicProbe probe = new TopicProbe(brokers, CustomerStore.TOPIC)) {
                List<ConsumerRecord<String, byte[]>> registered = probe.await(r -> customer.equals(r.key())
                        && TopicProbe.ofType("dealer.customers.VehicleRegistered.v1").test(r), 3, Duration.ofSeconds(10));
                assertThat(registered).as("the addition and one correction").hasSize(2);
                registered.forEach(r -> EventContracts.assertConforms("dealer.customers.VehicleRegistered.v1", TopicProbe.value(r)));
                assertThat(TopicProbe.value(registered.get(1))).contains(vin, "苏A54321", "Lavida 1.5L");
            }
            mvc.perform(get("/api/customers/" + hangzhouCustomer).header("Authorization", HANGZHOU_SALES))
                    .andExpect(jsonPath("$.vehicles[0].plate").value("苏A11111"));
            assertThat(mongo.count(Query.query(Criteria.where("_id").regex("^vc-" + run + "-")
                    .and("vehicles.model").is("Passat 330TSI")), CustomerStore.COLLECTION)).isEqualTo(FILES);
        } finally {
            mongo.remove(Query.query(Criteria.where("_id").regex("^vc-" + run + "-")), CustomerStore.COLLECTION);
        }
    }
}
