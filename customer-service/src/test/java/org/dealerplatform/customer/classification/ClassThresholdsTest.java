package org.dealerplatform.customer.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dealerplatform.customer.CustomerApi.HQ;
import static org.dealerplatform.customer.CustomerApi.NANJING_MANAGER;
import static org.dealerplatform.customer.CustomerApi.NANJING_SALES;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.dealerplatform.customer.CustomerApi;
import org.dealerplatform.customer.classification.application.DailyReclassification;
import org.dealerplatform.customer.classification.application.PurchasesFromSales;
import org.dealerplatform.customer.classification.persistence.ClassThresholdStore;
import org.dealerplatform.customer.classification.persistence.PurchaseLedger;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * CUS-3 UI-3: HQ enters the class thresholds through the API; until then the configured ones are in force. The
 * thresholds entered here move VIP just below 1,000,000 yuan (987,654.32), so only a purchase between the two counts
 * differently; the entry is removed and everybody re-evaluated afterwards, so the other tests keep the defaults.
 */
@ServiceTest
class ClassThresholdsTest {

    static final String PATH = "/api/customers/classification/thresholds";
    static final long LOWER_VIP_FEN = 98_765_432L;
    static final long BETWEEN_FEN = 99_000_000L;

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    PurchasesFromSales purchases;
    @Autowired
    DailyReclassification daily;
    CustomerApi api;

    @BeforeEach
    void setUp() {
        api = new CustomerApi(mvc);
        mongo.dropCollection(ClassThresholdStore.COLLECTION);
    }

    @AfterEach
    void backToTheConfiguredThresholds() {
        mongo.dropCollection(ClassThresholdStore.COLLECTION);
        daily.run();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    static String entry(long version, long vipFen, int vipVehicles, long firstFen, long secondFen) {
        return """
                {"version":%d,"vip":{"amountFen":%d,"vehicles":%d},"firstClass":{"amountFen":%d,"vehicles":2},
                 "secondClass":{"amountFen":%d,"vehicles":1}}""".formatted(version, vipFen, vipVehicles, firstFen, secondFen);
    }

    ResultActions enter(String auth, String body) throws Exception {
        return mvc.perform(put(PATH).header("Authorization", auth).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    void buys(String customerId, long amountFen) {
        purchases.recordedOrCorrected(new PurchaseLedger.Sale(UUID.randomUUID().toString(), customerId, CustomerApi.NANJING,
                amountFen, today().minusDays(1), CustomerApi.vin(), "Passat 330TSI", "INDIVIDUAL"),
                UUID.randomUUID().toString(), 1);
    }

    ResultActions classification(String customerId) throws Exception {
        return mvc.perform(get("/api/customers/" + customerId + "/classification").header("Authorization", NANJING_SALES));
    }

    @Test
    @DisplayName("CUS-3 UI-3 until HQ enters thresholds, every role reads the configured ones (version 0); a branch manager's entry is refused with 403 and changes nothing")
    void configuredUntilEnteredAndBranchCallerIsRefused() throws Exception {
        for (String reader : new String[] {NANJING_SALES, NANJING_MANAGER, HQ}) {
            mvc.perform(get(PATH).header("Authorization", reader)).andExpect(status().isOk())
                    .andExpect(jsonPath("$.version").value(0))
                    .andExpect(jsonPath("$.source").value("CONFIGURED"))
                    .andExpect(jsonPath("$.ruleVersion").value("2026-01-01"))
                    .andExpect(jsonPath("$.vip.amountFen").value(100_000_000))
                    .andExpect(jsonPath("$.vip.vehicles").value(3))
                    .andExpect(jsonPath("$.firstClass.amountFen").value(30_000_000))
                    .andExpect(jsonPath("$.secondClass.amountFen").value(1));
        }

        enter(NANJING_MANAGER, entry(0, LOWER_VIP_FEN, 3, 30_000_000, 1)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
        enter(NANJING_SALES, entry(0, LOWER_VIP_FEN, 3, 30_000_000, 1)).andExpect(status().isForbidden());

        mvc.perform(get(PATH).header("Authorization", NANJING_MANAGER))
                .andExpect(jsonPath("$.version").value(0)).andExpect(jsonPath("$.vip.amountFen").value(100_000_000));
        assertThat(mongo.getCollection(ClassThresholdStore.COLLECTION).countDocuments()).isZero();
    }

    @Test
    @DisplayName("CUS-3 GW-4 thresholds that are not positive or not descending from VIP are refused as problems naming the field; nothing is stored")
    void unorderedOrNonPositiveThresholdsAreRefused() throws Exception {
        enter(HQ, entry(0, 100_000_000, 3, 100_000_000, 1)).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("firstClass.amountFen"));
        enter(HQ, entry(0, 100_000_000, 3, 30_000_000, 40_000_000)).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("secondClass.amountFen"));
        enter(HQ, entry(0, 100_000_000, 2, 30_000_000, 1)).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("firstClass.vehicles"));
        enter(HQ, entry(0, 100_000_000, 3, 30_000_000, 0)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("secondClass.amountFen"));
        enter(HQ, "{\"version\":0,\"vip\":{\"amountFen\":100000000,\"vehicles\":3}}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'firstClass')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'secondClass')]").exists());

        assertThat(mongo.getCollection(ClassThresholdStore.COLLECTION).countDocuments()).isZero();
    }

    @Test
    @DisplayName("CUS-3 CUS-10 HQ's thresholds are a new rule version effective today: a new purchase is classified by them at once, the daily pass re-evaluates earlier buyers; an entry based on a stale version answers 409")
    void enteredThresholdsClassifyFromThenOn() throws Exception {
        String before = api.register(NANJING_SALES);
        buys(before, BETWEEN_FEN);
        classification(before).andExpect(jsonPath("$.storedClass").value("FIRST_CLASS"));

        String ruleVersion = "hq-" + today() + "-v1";
        enter(HQ, entry(0, LOWER_VIP_FEN, 3, 30_000_000, 1)).andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.source").value("ENTERED"))
                .andExpect(jsonPath("$.ruleVersion").value(ruleVersion))
                .andExpect(jsonPath("$.effectiveFrom").value(today().toString()))
                .andExpect(jsonPath("$.vip.amountFen").value(LOWER_VIP_FEN))
                .andExpect(jsonPath("$.enteredBy").isNotEmpty());
        mvc.perform(get(PATH).header("Authorization", NANJING_SALES))
                .andExpect(jsonPath("$.version").value(1)).andExpect(jsonPath("$.vip.amountFen").value(LOWER_VIP_FEN));

        String after = api.register(NANJING_SALES);
        buys(after, BETWEEN_FEN);
        classification(after).andExpect(jsonPath("$.storedClass").value("VIP"))
                .andExpect(jsonPath("$.rule.version").value(ruleVersion));

        classification(before).andExpect(jsonPath("$.storedClass").value("FIRST_CLASS"))
                .andExpect(jsonPath("$.currentClass").value("VIP"));
        daily.run();
        classification(before).andExpect(jsonPath("$.storedClass").value("VIP"));

        enter(HQ, entry(0, 100_000_000, 3, 30_000_000, 1)).andExpect(status().isConflict());
        enter(HQ, entry(1, 100_000_000, 3, 30_000_000, 1)).andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.ruleVersion").value("hq-" + today() + "-v2"));
        String later = api.register(NANJING_SALES);
        buys(later, BETWEEN_FEN);
        classification(later).andExpect(jsonPath("$.storedClass").value("FIRST_CLASS"));
    }
}
