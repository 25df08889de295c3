package org.dealerplatform.sales;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.dealerplatform.test.DevTokens;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Tokens and request builders the sales tests share (object mother). */
public final class SalesFixtures {

    public static final String HQ = "Bearer " + DevTokens.hq();
    public static final String NANJING_SALES = DevTokens.bearer("alice", "JS-NJ-01", "SALES");
    public static final String NANJING_MANAGER = DevTokens.bearer("nj-manager", "JS-NJ-01", "BRANCH_MANAGER");
    public static final String HANGZHOU_SALES = DevTokens.bearer("bob", "ZJ-HZ-01", "SALES");
    public static final String HANGZHOU_MANAGER = DevTokens.bearer("hz-manager", "ZJ-HZ-01", "BRANCH_MANAGER");

    private static final String VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    private SalesFixtures() {
    }

    public static String vin() {
        StringBuilder vin = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            vin.append(VIN_CHARS.charAt(ThreadLocalRandom.current().nextInt(VIN_CHARS.length())));
        }
        return vin.toString();
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a salesperson at a branch (as HQ) and returns its id. */
    public static String salesperson(MockMvc mvc, String branchId) throws Exception {
        String id = uniqueId("sp");
        mvc.perform(put("/api/sales/salespeople/" + id).header("Authorization", HQ).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + id + "\",\"branchId\":\"" + branchId + "\"}")).andExpect(status().isOk());
        return id;
    }

    /** The well-known customer of a branch that {@link #seedCustomers} puts into the replica (INT-1). */
    public static String customerOf(String branchId) {
        return "cust-" + branchId;
    }

    /** Puts one customer per seeded branch into the customer replica, as customer-service's events would. */
    public static void seedCustomers(CustomerReplica replica) {
        for (String branch : BRANCHES) {
            replica.registered(customerOf(branch), branch, "客户 " + branch, "INDIVIDUAL", "13800000000", 1);
        }
    }

    /** A new customer of a branch in the replica (version 1), with a class or none. */
    public static String customer(CustomerReplica replica, String branchId, String customerClass) {
        String id = "cust-" + UUID.randomUUID();
        replica.registered(id, branchId, "客户 " + id.substring(5, 13), "INDIVIDUAL", "13800000000", 1);
        if (customerClass != null) {
            replica.classified(id, branchId, customerClass, 1);
        }
        return id;
    }

    static final java.util.List<String> BRANCHES = java.util.List.of("JS-NJ-01", "JS-SZ-01", "JS-WX-01", "ZJ-HZ-01", "ZJ-NB-01");

    public static String saleJson(String customerId, String branchId, String credits, String model, String segment,
            long amountFen, String date) {
        return """
                {"branchId":%s,"customerId":"%s","salespeople":[%s],
                 "vehicle":{"vin":"%s","model":"%s","category":"PASSENGER_CAR"},
                 "segment":"%s","amountFen":%d,"saleDate":"%s"}""".formatted(branchId == null ? "null" : "\"" + branchId + "\"", customerId, credits, vin(),
                model, segment, amountFen, date);
    }

    public static String credit(String salespersonId, int percent) {
        return "{\"salespersonId\":\"" + salespersonId + "\",\"sharePercent\":" + percent + "}";
    }

    /** Records a sale over HTTP and returns its id. */
    public static String recordSale(MockMvc mvc, String auth, String json) throws Exception {
        String body = mvc.perform(post("/api/sales/sales").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
                .content(json)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }
}
