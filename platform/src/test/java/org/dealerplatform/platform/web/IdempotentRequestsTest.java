package org.dealerplatform.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.bson.Document;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class IdempotentRequestsTest {

    private static final String ALICE = DevTokens.bearer("alice", "JS-NJ-01", "SALES");
    private static final String AMY = DevTokens.bearer("amy", "JS-NJ-01", "SALES");

    @Autowired
    MockMvc mvc;

    @Autowired
    MongoTemplate mongo;

    private ResultActions open(String auth, String key, String body) throws Exception {
        var request = post("/tickets").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON).content(body);
        return mvc.perform(key == null ? request : request.header("Idempotency-Key", key));
    }

    private long ticketsTitled(String title) {
        return mongo.count(Query.query(Criteria.where("title").is(title)), "tickets");
    }

    @Test
    @DisplayName("REL-7 the same key and body twice records one ticket and answers both times alike, also with the body's keys reordered")
    void sameKeyTwiceRecordsOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String title = "t-" + key.substring(0, 8);
        String first = open(ALICE, key, "{\"id\":\"ignored\",\"title\":\"" + title + "\"}").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String second = open(ALICE, key, "{ \"title\" : \"" + title + "\", \"id\" : \"ignored\" }")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(second).isEqualTo(first);
        assertThat(ticketsTitled(title)).isEqualTo(1);
        String id = JsonPath.read(first, "$.id");
        Document stored = mongo.findById(id, Document.class, "tickets");
        assertThat(stored.getList("idempotencyKeys", Document.class)).singleElement()
                .satisfies(kept -> assertThat(kept.getString("key")).isEqualTo(key));
    }

    @Test
    @DisplayName("REL-7 the same key with another body answers 422 and records nothing")
    void sameKeyOtherBodyIsRefused() throws Exception {
        String key = UUID.randomUUID().toString();
        open(ALICE, key, "{\"id\":\"i\",\"title\":\"first\"}").andExpect(status().isCreated());
        open(ALICE, key, "{\"id\":\"i\",\"title\":\"second-" + key.substring(0, 6) + "\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        assertThat(ticketsTitled("second-" + key.substring(0, 6))).isZero();
    }

    @Test
    @DisplayName("REL-7 the same key from two callers records two tickets: keys are scoped to the token subject")
    void keysAreScopedToTheCaller() throws Exception {
        String key = UUID.randomUUID().toString();
        String title = "s-" + key.substring(0, 8);
        String body = "{\"id\":\"i\",\"title\":\"" + title + "\"}";
        String a = JsonPath.read(open(ALICE, key, body).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString(), "$.id");
        String b = JsonPath.read(open(AMY, key, body).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString(), "$.id");
        assertThat(a).isNotEqualTo(b);
        assertThat(ticketsTitled(title)).isEqualTo(2);
    }

    @Test
    @DisplayName("REL-7 without the header nothing changes: the id comes from the request and a repeat is a duplicate")
    void withoutKeyTodaysBehaviour() throws Exception {
        String id = UUID.randomUUID().toString();
        String body = "{\"id\":\"" + id + "\",\"title\":\"plain\"}";
        open(ALICE, null, body).andExpect(status().isCreated()).andExpect(jsonPath("$.id").value(id));
        open(ALICE, null, body).andExpect(status().is5xxServerError());
        assertThat(mongo.findById(id, Document.class, "tickets")).doesNotContainKey("idempotencyKeys");
    }

    @Test
    @DisplayName("REL-7 a command retried with its key is applied once; the same key on another command body answers 422")
    void commandRetriedIsAppliedOnce() throws Exception {
        String id = JsonPath.read(open(ALICE, null, "{\"id\":\"" + UUID.randomUUID() + "\",\"title\":\"before\"}")
                .andReturn().getResponse().getContentAsString(), "$.id");
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/tickets/" + id + "/rename").header("Authorization", ALICE).header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"after\"}"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.title").value("after"));
        }
        assertThat(mongo.findById(id, Document.class, "tickets").get("version")).isEqualTo(2L);
        mvc.perform(post("/tickets/" + id + "/rename").header("Authorization", ALICE).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"other\"}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/tickets/" + id).header("Authorization", ALICE)).andExpect(jsonPath("$.title").value("after"));
    }

    @Test
    @DisplayName("REL-7 a malformed key answers 400 as a problem detail")
    void malformedKey() throws Exception {
        open(ALICE, "x".repeat(300), "{\"id\":\"i\",\"title\":\"t\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Idempotency-Key")));
    }

    @Test
    @DisplayName("REL-7 a key whose record no longer keeps it (older than 24 h) answers 422 rather than a duplicate-id failure")
    void expiredKeyIsRefused() throws Exception {
        String key = UUID.randomUUID().toString();
        String title = "old-" + key.substring(0, 8);
        String body = "{\"id\":\"i\",\"title\":\"" + title + "\"}";
        String id = JsonPath.read(open(ALICE, key, body).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString(), "$.id");
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new org.springframework.data.mongodb.core.query.Update().unset("idempotencyKeys"), "tickets");
        open(ALICE, key, body).andExpect(status().isUnprocessableContent());
        assertThat(ticketsTitled(title)).isEqualTo(1);
    }

    @Test
    @DisplayName("REL-7 while the first request with a key is still in flight, a second one answers 409; once answered, a retry gets the first answer")
    void secondRequestWhileTheFirstIsInFlightIs409() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"id\":\"ignored\",\"title\":\"slow-" + key.substring(0, 8) + "\"}";
        org.dealerplatform.platform.testapp.TicketController.slow = new java.util.concurrent.CountDownLatch(1);
        org.dealerplatform.platform.testapp.TicketController.ENTERED[0] = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<String> first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return open(ALICE, key, body).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(org.dealerplatform.platform.testapp.TicketController.ENTERED[0].await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            open(ALICE, key, body).andExpect(status().isConflict())
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.status").value(409));
            // another caller's same key is another request altogether
            open(AMY, key, "{\"id\":\"ignored\",\"title\":\"amy-" + key.substring(0, 8) + "\"}").andExpect(status().isCreated());
        } finally {
            org.dealerplatform.platform.testapp.TicketController.slow.countDown();
        }
        String answered = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(open(ALICE, key, body).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .isEqualTo(answered);
        assertThat(ticketsTitled("slow-" + key.substring(0, 8))).isEqualTo(1);
    }
}
