package org.dealerplatform.sales.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.sales.SalesFixtures.HQ;
import static org.dealerplatform.sales.SalesFixtures.NANJING_MANAGER;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.platform.catalogue.ModelRemap;
import org.dealerplatform.platform.outbox.Aggregate;
import org.dealerplatform.sales.catalogue.persistence.SaleModelRemap;
import org.dealerplatform.sales.sale.Sale;
import org.dealerplatform.sales.sale.SalesCredit;
import org.dealerplatform.sales.sale.Segment;
import org.dealerplatform.sales.sale.Vehicle;
import org.dealerplatform.sales.sale.VehicleCategory;
import org.dealerplatform.sales.sale.persistence.SaleStore;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;

/**
 * SAL-12: sales stored before the catalogue carry free-text models; HQ's remap job maps them through the alias table
 * (never guessing), idempotently and resumably, and leaves the HQ roll-up consistent with the sales. 10,000 stored sales.
 */
@ServiceTest
class SaleModelRemapTest {

    static final int SALES = 10_000;

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;

    @Test
    @DisplayName("SAL-12 10,000 stored free-text sales: a branch caller gets 403 and changes nothing; HQ's remap maps aliases to catalogue ids and categories, lists the unknown spelling with its count, resumes from its checkpoint, maps nothing the second time, and the roll-up per model and category equals a naive recount")
    void remapsStoredSalesAtVolume() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String branch = "XR-RM-" + run;
        String unknown = "Tiguan XL " + run;
        // i % 5: 0 "Passat" (alias), 1 " PASSAT  " (alias, case and spaces aside), 2 "Tiguan L" (a catalogue id),
        // 3 "tiguan" (alias; recorded as a passenger car by hand), 4 an unknown spelling
        String[] stored = {"Passat", " PASSAT  ", "Tiguan L", "tiguan", unknown};
        long[] byKind = new long[5];
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < SALES; i++) {
            int kind = i % 5;
            long amount = 10_000_000L + i;
            byKind[kind] += amount;
            Sale sale = Sale.record("rm-" + run + "-" + i, branch, "XR-REGION", "cust-" + (i % 300),
                    List.of(new SalesCredit("rm-sp-" + run, 100)),
                    new Vehicle("LSVAB4183E2" + String.format("%06d", i), stored[kind],
                            kind == 2 || kind == 4 ? VehicleCategory.SUV : VehicleCategory.PASSENGER_CAR, null),
                    Segment.INDIVIDUAL, amount, LocalDate.of(2021, 1, 1).plusDays(i % 365), "seeder", Instant.now());
            Document d = new Document();
            mongo.getConverter().write(sale, d);
            d.remove("_class");
            d.remove(Aggregate.RECORDED_EVENTS_FIELD);
            d.put("version", 1L);
            documents.add(d);
        }
        try {
            for (int from = 0; from < SALES; from += 1000) {
                mongo.insert(documents.subList(from, from + 1000), SaleStore.COLLECTION);
            }
            long allSales = mongo.getCollection(SaleStore.COLLECTION).countDocuments();
            mvc.perform(post("/api/hq/rollups/rebuild").header("Authorization", HQ)).andExpect(status().isOk());
            assertThat(total(branch, "model", "Passat")).as("before: rows split on spelling").isEqualTo(byKind[0]);

            // a branch caller may neither run the job nor read its report, and nothing changes
            mvc.perform(post("/api/hq/catalogue/remap-sales").header("Authorization", NANJING_MANAGER))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/hq/catalogue/remap-sales").header("Authorization", NANJING_MANAGER))
                    .andExpect(status().isForbidden());
            assertThat(stored(branch, "Passat")).isEqualTo(SALES / 5);

            // cut short after 3,000 sales: the pass is not complete, the next call resumes from the checkpoint
            String partial = remap("?maxRecords=3000");
            assertThat((Boolean) JsonPath.read(partial, "$.complete")).isFalse();
            assertThat(((Number) JsonPath.read(partial, "$.records")).longValue()).isEqualTo(3000);
            String done = remap("");
            assertThat((Boolean) JsonPath.read(done, "$.complete")).isTrue();
            assertThat(((Number) JsonPath.read(done, "$.records")).longValue()).as("each sale read once").isEqualTo(allSales);
            assertThat(((Number) JsonPath.read(done, "$.mapped")).longValue()).isGreaterThanOrEqualTo(3L * SALES / 5);
            List<Map<String, Object>> listed = JsonPath.read(done, "$.unmappedModels[?(@.model=='" + unknown + "')]");
            assertThat(listed).hasSize(1);
            assertThat(((Number) listed.get(0).get("count")).longValue()).isEqualTo(SALES / 5);
            assertThat((List<?>) listed.get(0).get("recordIds")).isNotEmpty();

            // the sales name catalogue ids (the unknown spelling is kept, not guessed), categories are the catalogue's
            assertThat(stored(branch, "Passat 330TSI")).isEqualTo(2 * SALES / 5);
            assertThat(stored(branch, "Tiguan L")).isEqualTo(2 * SALES / 5);
            assertThat(stored(branch, unknown)).isEqualTo(SALES / 5);
            for (String gone : List.of("Passat", " PASSAT  ", "tiguan")) {
                assertThat(stored(branch, gone)).as(gone).isZero();
            }
            // the roll-up was rebuilt: per model and per category it equals a naive recount of the sales
            assertThat(total(branch, "model", "Passat")).isZero();
            assertThat(total(branch, "model", "Passat 330TSI")).isEqualTo(byKind[0] + byKind[1]);
            assertThat(total(branch, "model", "Tiguan L")).isEqualTo(byKind[2] + byKind[3]);
            assertThat(total(branch, "model", unknown)).isEqualTo(byKind[4]);
            assertThat(total(branch, "category", "PASSENGER_CAR")).isEqualTo(byKind[0] + byKind[1]);
            assertThat(total(branch, "category", "SUV")).isEqualTo(byKind[2] + byKind[3] + byKind[4]);
            assertThat(total(branch, "model", "*")).isEqualTo(byKind[0] + byKind[1] + byKind[2] + byKind[3] + byKind[4]);

            // idempotent: a second pass maps nothing and lists the same unknown spelling
            String again = remap("");
            assertThat(((Number) JsonPath.read(again, "$.mapped")).longValue()).isZero();
            List<Map<String, Object>> still = JsonPath.read(again, "$.unmappedModels[?(@.model=='" + unknown + "')]");
            assertThat(((Number) still.get(0).get("count")).longValue()).isEqualTo(SALES / 5);
            mvc.perform(get("/api/hq/catalogue/remap-sales").header("Authorization", HQ)).andExpect(status().isOk());
        } finally {
            mongo.remove(Query.query(Criteria.where("branchId").is(branch)), SaleStore.COLLECTION);
            mongo.remove(Query.query(Criteria.where("_id").is(SaleModelRemap.JOB)), ModelRemap.COLLECTION);
            mvc.perform(post("/api/hq/rollups/rebuild").header("Authorization", HQ)).andExpect(status().isOk());
        }
    }

    private String remap(String params) throws Exception {
        return mvc.perform(post("/api/hq/catalogue/remap-sales" + params).header("Authorization", HQ))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private long stored(String branch, String model) {
        return mongo.count(Query.query(Criteria.where("branchId").is(branch).and("vehicle.model").is(model)),
                SaleStore.COLLECTION);
    }

    private long total(String branch, String cut, String value) throws Exception {
        String json = mvc.perform(get("/api/hq/rollups").header("Authorization", HQ).param("level", "BRANCH")
                        .param("unitId", branch).param("from", "2021-01").param("to", "2021-12").param(cut, value))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(json, "$.totalAmountFen")).longValue();
    }
}
