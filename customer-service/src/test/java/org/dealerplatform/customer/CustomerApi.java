package org.dealerplatform.customer;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.dealerplatform.test.DevTokens;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Test fixtures: tokens, random valid mobiles and VINs, and customer files created over HTTP. */
public final class CustomerApi {

    public static final String NANJING = "JS-NJ-01";
    public static final String HANGZHOU = "ZJ-HZ-01";
    public static final String NANJING_SALES = DevTokens.bearer("alice", NANJING, "SALES");
    public static final String NANJING_MANAGER = DevTokens.bearer("mia", NANJING, "BRANCH_MANAGER");
    public static final String HANGZHOU_SALES = DevTokens.bearer("bob", HANGZHOU, "SALES");
    public static final String HQ = "Bearer " + DevTokens.hq();

    private static final String VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    private final MockMvc mvc;

    public CustomerApi(MockMvc mvc) {
        this.mvc = mvc;
    }

    public static String mobile() {
        return "13" + (5 + ThreadLocalRandom.current().nextInt(5)) + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A random VIN with a correct ISO 3779 check digit. */
    public static String vin() {
        char[] vin = new char[17];
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            vin[i] = VIN_CHARS.charAt(ThreadLocalRandom.current().nextInt(VIN_CHARS.length()));
        }
        for (int i = 0; i < 17; i++) {
            if (i != 8) {
                sum += value(vin[i]) * WEIGHTS[i];
            }
        }
        int check = sum % 11;
        vin[8] = check == 10 ? 'X' : (char) ('0' + check);
        return new String(vin);
    }

    private static int value(char c) {
        if (Character.isDigit(c)) {
            return c - '0';
        }
        return "ABCDEFGH".indexOf(c) >= 0 ? "ABCDEFGH".indexOf(c) + 1
                : "JKLMN".indexOf(c) >= 0 ? "JKLMN".indexOf(c) + 1
                : c == 'P' ? 7 : c == 'R' ? 9 : "STUVWXYZ".indexOf(c) + 2;
    }

    public String register(String auth, String name, String mobile, String address, LocalDate firstVisit) throws Exception {
        String body = mvc.perform(post("/api/customers").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","type":"INDIVIDUAL","mobile":"%s","address":%s,"preferredLanguage":"zh-CN","firstVisitDate":"%s"}
                                """.formatted(name, mobile, address == null ? "null" : "\"" + address + "\"", firstVisit)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    /** A JSON POST with an {@code Idempotency-Key} (REL-7); without one when {@code key} is null. */
    public org.springframework.test.web.servlet.ResultActions postWithKey(String path, String auth, String key, String json)
            throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", auth).contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(json);
        return mvc.perform(key == null ? request : request.header("Idempotency-Key", key));
    }

    public String register(String auth) throws Exception {
        return register(auth, "王伟", mobile(), "南京市鼓楼区中山路1号", LocalDate.now());
    }

    public String addVehicle(String auth, String customerId, String vin, String category, String plate) throws Exception {
        mvc.perform(post("/api/customers/" + customerId + "/vehicles").header("Authorization", auth)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"vin":"%s","model":"%s","plate":%s}
                                """.formatted(vin, TestCatalogue.MODEL_OF_CATEGORY.get(category), plate == null ? "null" : "\"" + plate + "\"")))
                .andExpect(status().isCreated());
        return vin;
    }

    /** A random valid 7-character Jiangsu plate. */
    public static String plate() {
        return "苏A" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
    }
}
