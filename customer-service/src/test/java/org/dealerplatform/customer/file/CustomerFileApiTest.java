package org.dealerplatform.customer.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.HQ;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.contracts.EventContracts;
import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class CustomerFileApiTest {

    @Autowired
    MockMvc mvc;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    CustomerApi api;

    @BeforeEach
    void setUp() {
        api = new CustomerApi(mvc);
    }

    @Test
    @DisplayName("CUS-1 CUS-2 updating details, adding a vehicle and a visit completes the file; CustomerUpdated and VehicleRegistered match their schemas")
    void completeFile() throws Exception {
        String id = api.register(NANJING_SALES, "王伟", CustomerApi.mobile(), null, LocalDate.now());
        mvc.perform(get("/api/customers/" + id).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.complete").value(false))
                .andExpect(jsonPath("$.missing", hasItem("address")))
                .andExpect(jsonPath("$.missing", hasItem("vehicles")));
        String mobile = CustomerApi.mobile();
        mvc.perform(put("/api/customers/" + id).header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"王伟","type":"GROUP_COMPANY","mobile":"%s","email":"wang@example.cn","address":"南京市鼓楼区中山路1号",
                                 "preferredLanguage":"zh-CN","wantedServices":["保养","钣金喷漆"],"notes":"喜欢周末来店"}
                                """.formatted(mobile)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("GROUP_COMPANY"))
                .andExpect(jsonPath("$.wantedServices[1]").value("钣金喷漆"))
                .andExpect(jsonPath("$.notes").value("喜欢周末来店"))
                .andExpect(jsonPath("$.complete").value(false));
        String vin = api.addVehicle(NANJING_SALES, id, CustomerApi.vin(), "TANK_CAR", "苏AD12345");
        mvc.perform(post("/api/customers/" + id + "/visits").header("Authorization", NANJING_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"date\":\"" + LocalDate.now() + "\",\"kind\":\"MAINTENANCE\",\"note\":\"首保\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.visits.length()").value(2))
                .andExpect(jsonPath("$.complete").value(true))
                .andExpect(jsonPath("$.vehicles[0].vin").value(vin))
                .andExpect(jsonPath("$.vehicles[0].plate").value("苏AD12345"));

        try (TopicProbe probe = new TopicProbe(brokers, CustomerStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> updated = probe.await(r -> id.equals(r.key())
                    && TopicProbe.ofType("dealer.customers.CustomerUpdated.v1").test(r), 2, Duration.ofSeconds(15));
            assertThat(updated).hasSize(2);
            updated.forEach(r -> EventContracts.assertConforms("dealer.customers.CustomerUpdated.v1", TopicProbe.value(r)));
            assertThat(TopicProbe.value(updated.get(1))).contains("\"complete\":true");
            List<ConsumerRecord<String, byte[]>> vehicles = probe.await(r -> id.equals(r.key())
                    && TopicProbe.ofType("dealer.customers.VehicleRegistered.v1").test(r), 1, Duration.ofSeconds(15));
            assertThat(vehicles).hasSize(1);
            EventContracts.assertConforms("dealer.customers.VehicleRegistered.v1", TopicProbe.value(vehicles.get(0)));
            assertThat(TopicProbe.value(vehicles.get(0))).contains(vin).contains("TANK_CAR");
        }
    }

    @Test
    @DisplayName("CUS-8 a VIN with a wrong check digit and a malformed plate are refused with the field")
    void vehicleValidation() throws Exception {
        String id = api.register(NANJING_SALES);
        mvc.perform(post("/api/customers/" + id + "/vehicles").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"vin\":\"1HGCM82643A004352\",\"model\":\"Lavida\",\"category\":\"PASSENGER_CAR\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("vin"))
                .andExpect(jsonPath("$.detail").value("check digit (9th character) must be 3"));
        mvc.perform(post("/api/customers/" + id + "/vehicles").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"vin\":\"" + CustomerApi.vin() + "\",\"model\":\"Lavida\",\"category\":\"PASSENGER_CAR\",\"plate\":\"苏A1234\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("plate"));
        mvc.perform(post("/api/customers/" + id + "/vehicles").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"vin\":\"\",\"category\":\"ROCKET\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/customers/" + id + "/vehicles").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"vin\":\"\",\"model\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("vin")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("model")));
    }

    @Test
    @DisplayName("CUS-6 a VIN already in another file is refused with a pointer to it; a mobile taken by an update too")
    void duplicateVinAndMobile() throws Exception {
        String first = api.register(NANJING_SALES);
        String vin = api.addVehicle(NANJING_SALES, first, CustomerApi.vin(), "PASSENGER_CAR", null);
        String second = api.register(NANJING_SALES);
        mvc.perform(post("/api/customers/" + second + "/vehicles").header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"vin\":\"" + vin.toLowerCase() + "\",\"model\":\"Lavida\",\"category\":\"PASSENGER_CAR\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.existing").value("/api/customers/" + first));
        String takenMobile = CustomerApi.mobile();
        String third = api.register(NANJING_SALES, "赵六", takenMobile, null, LocalDate.now());
        mvc.perform(put("/api/customers/" + second).header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"王伟\",\"mobile\":\"" + takenMobile + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.existing").value("/api/customers/" + third));
    }

    @Test
    @DisplayName("CUS-4 CUS-8 search by plate, VIN, segment, vehicle category, class and name, sorted and paged")
    void search() throws Exception {
        String prefix = "搜索" + System.nanoTime() % 100000;
        String a = api.register(NANJING_SALES, prefix + "甲", CustomerApi.mobile(), "南京", LocalDate.now());
        String b = api.register(NANJING_SALES, prefix + "乙", CustomerApi.mobile(), "南京", LocalDate.now());
        String c = api.register(NANJING_SALES, prefix + "丙", CustomerApi.mobile(), "南京", LocalDate.now());
        String plate = CustomerApi.plate();
        String vin = api.addVehicle(NANJING_SALES, a, CustomerApi.vin(), "SPRINKLER", plate);
        api.addVehicle(NANJING_SALES, b, CustomerApi.vin(), "PASSENGER_CAR", null);
        mvc.perform(put("/api/customers/" + c).header("Authorization", NANJING_SALES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + prefix + "丙\",\"type\":\"GOVERNMENT\"}"))
                .andExpect(status().isOk());

        mvc.perform(get("/api/customers").param("plate", plate).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.totalElements").value(1)).andExpect(jsonPath("$.content[0].id").value(a));
        mvc.perform(get("/api/customers").param("vin", vin).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.totalElements").value(1)).andExpect(jsonPath("$.content[0].id").value(a));
        mvc.perform(get("/api/customers").param("name", prefix).param("category", "SPRINKLER").header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.totalElements").value(1)).andExpect(jsonPath("$.content[0].id").value(a));
        mvc.perform(get("/api/customers").param("name", prefix).param("segment", "GOVERNMENT").header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.totalElements").value(1)).andExpect(jsonPath("$.content[0].id").value(c));
        mvc.perform(get("/api/customers").param("name", prefix).param("class", "OTHER").param("branchId", "JS-NJ-01")
                        .param("sort", "registeredAt").param("direction", "desc").param("size", "2").header("Authorization", HQ))
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.content.length()").value(2))
                .andExpect(jsonPath("$.content[0].id").value(c));
        mvc.perform(get("/api/customers").param("name", prefix).param("page", "1").param("size", "2").header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].id").value(a)); // names sort by code point: 丙 < 乙 < 甲
        mvc.perform(get("/api/customers").param("class", "GOLD").header("Authorization", NANJING_SALES))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/customers").param("sort", "mobile").header("Authorization", NANJING_SALES))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].message").value("must be name, registeredAt or class"));
    }

    @Test
    @DisplayName("SEC-8 a NUL or other control character in a search parameter is a 400 problem naming it, not a 500")
    void controlCharactersInSearch() throws Exception {
        mvc.perform(get("/api/customers?name={name}", "\u0000").header("Authorization", NANJING_SALES))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(get("/api/customers?plate={plate}", "A\r\nB").header("Authorization", NANJING_SALES))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("plate"));
    }
}
