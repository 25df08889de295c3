package org.dealerplatform.notification.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.NotificationStatus;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.notification.support.CustomerFixture;
import org.dealerplatform.notification.support.CustomerFixture.Customer;
import org.dealerplatform.notification.support.Reminders;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class LettersAndCallsTest {

    static final String SUZHOU_MANAGER = DevTokens.bearer("li", "JS-SZ-01", "BRANCH_MANAGER");
    static final String WUXI_ADVISOR = DevTokens.bearer("zhou", "JS-WX-01", "SERVICE_ADVISOR");
    static final String WUXI_SALES = DevTokens.bearer("qian", "JS-WX-01", "SALES");

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    NotificationStore notifications;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("NOT-1 NOT-2 a letter reminder joins the branch's batch, whose PDF contains the customer's name and due date")
    void letterBatchPdf() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.en("JS-SZ-01", "LETTER"));
        String id = Reminders.maintenanceDue(brokers, customer, Reminders.vin());
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.findById(id)
                .map(n -> n.status() == NotificationStatus.SENT && n.channel() == Channel.LETTER).orElse(false));

        String batch = mvc.perform(post("/api/notifications/letters/batches").header("Authorization", SUZHOU_MANAGER))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.branchId").value("JS-SZ-01"))
                .andReturn().getResponse().getContentAsString();
        String batchId = JsonPath.read(batch, "$.id");
        assertThat(JsonPath.<java.util.List<String>>read(batch, "$.notificationIds")).contains(id);
        // the same letter never goes into a second batch
        mvc.perform(post("/api/notifications/letters/batches").header("Authorization", SUZHOU_MANAGER))
                .andExpect(status().isNoContent());

        byte[] pdf = mvc.perform(get("/api/notifications/letters/batches/" + batchId + ".pdf").header("Authorization", SUZHOU_MANAGER))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PDF_VALUE))
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Dear Emma Li", "due for maintenance on 20 Nov 2027", "8 Auto City Road, Nanjing",
                    "Suzhou Store, 1 Xinghu Street, Suzhou");
        }
        mvc.perform(get("/api/notifications/letters/batches").header("Authorization", SUZHOU_MANAGER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].id").value(batchId));
    }

    @Test
    @DisplayName("REL-7 NOT-1 a letter batch retried with its key batches once (a letter waiting since stays for the next batch) and answers the same batch with 201; the key with another query answers 422")
    void letterBatchRetriedWithItsKeyBatchesOnce() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.en("JS-SZ-01", "LETTER"));
        String first = Reminders.maintenanceDue(brokers, customer, Reminders.vin());
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.findById(first)
                .map(n -> n.status() == NotificationStatus.SENT && n.channel() == Channel.LETTER).orElse(false));
        String key = java.util.UUID.randomUUID().toString();
        String batch = mvc.perform(post("/api/notifications/letters/batches").header("Authorization", SUZHOU_MANAGER)
                        .header("Idempotency-Key", key))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<java.util.List<String>>read(batch, "$.notificationIds")).contains(first);

        Customer another = CustomerFixture.publish(brokers, mongo, Customer.en("JS-SZ-01", "LETTER"));
        String waiting = Reminders.maintenanceDue(brokers, another, Reminders.vin());
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.findById(waiting)
                .map(n -> n.status() == NotificationStatus.SENT && n.channel() == Channel.LETTER).orElse(false));
        String again = mvc.perform(post("/api/notifications/letters/batches").header("Authorization", SUZHOU_MANAGER)
                        .header("Idempotency-Key", key))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(again).isEqualTo(batch);
        assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("notificationIds").is(waiting)),
                org.dealerplatform.notification.letter.batching.LetterBatches.COLLECTION)).as("the retry batched nothing").isZero();
        mvc.perform(post("/api/notifications/letters/batches?branchId=JS-SZ-01")
                        .header("Authorization", SUZHOU_MANAGER).header("Idempotency-Key", key))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        // a new request batches the letter that waited
        String next = mvc.perform(post("/api/notifications/letters/batches").header("Authorization", SUZHOU_MANAGER)
                        .header("Idempotency-Key", java.util.UUID.randomUUID().toString()))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<java.util.List<String>>read(next, "$.notificationIds")).contains(waiting);
    }

    @Test
    @DisplayName("REL-7 NOT-1 a call outcome retried with the same Idempotency-Key (its answer was lost) counts once: two NO_ANSWER retries leave the call open after one attempt; the key with another body answers 422")
    void callOutcomeRetriedWithItsKeyCountsOnce() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-WX-01", "PHONE"));
        String id = Reminders.followUpCallDue(brokers, customer, "call-" + java.util.UUID.randomUUID());
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.findById(id)
                .map(n -> n.status() == NotificationStatus.SENT).orElse(false));

        int before = notifications.findById(id).orElseThrow().attempts();
        String key = java.util.UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 3; attempt++) { // three sends of one request: without the key, the third fails the call
            mvc.perform(post("/api/notifications/calls/" + id + "/outcome").header("Authorization", WUXI_ADVISOR)
                            .header("Idempotency-Key", key)
                            .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"NO_ANSWER\"}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("SENT"));
        }
        assertThat(notifications.findById(id).orElseThrow().attempts()).isEqualTo(before + 1);
        mvc.perform(post("/api/notifications/calls/" + id + "/outcome").header("Authorization", WUXI_ADVISOR)
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"REACHED\"}"))
                .andExpect(status().isUnprocessableContent());
        // a new request (new key) is a new call attempt
        mvc.perform(post("/api/notifications/calls/" + id + "/outcome").header("Authorization", WUXI_ADVISOR)
                        .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"NO_ANSWER\"}"))
                .andExpect(status().isOk());
        assertThat(notifications.findById(id).orElseThrow().attempts()).isEqualTo(before + 2);
    }

    @Test
    @DisplayName("NOT-1 NOT-2 a follow-up call due appears on the branch's call list with its script; the outcome is recorded and delivered")
    void followUpCallList() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-WX-01", "PHONE"));
        String id = Reminders.followUpCallDue(brokers, customer, "call-" + java.util.UUID.randomUUID());
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.findById(id)
                .map(n -> n.status() == NotificationStatus.SENT).orElse(false));

        String list = mvc.perform(get("/api/notifications/calls").header("Authorization", WUXI_ADVISOR))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<java.util.List<String>>read(list, "$.content[*].id")).contains(id);
        String script = JsonPath.<java.util.List<String>>read(list, "$.content[?(@.id=='" + id + "')].script").get(0);
        assertThat(script).contains("王伟", "无锡店", "1HGCM82633A004352").doesNotContain("{{");

        mvc.perform(post("/api/notifications/calls/" + id + "/outcome").header("Authorization", WUXI_SALES)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"REACHED\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/notifications/calls/" + id + "/outcome").header("Authorization", WUXI_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"MAYBE\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/notifications/calls/" + id + "/outcome").header("Authorization", WUXI_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"REACHED\",\"note\":\"very satisfied\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DELIVERED"))
                .andExpect(jsonPath("$.outcome").value("REACHED"));
        mvc.perform(post("/api/notifications/calls/" + id + "/outcome").header("Authorization", WUXI_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"REACHED\"}"))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    @DisplayName("SEC-8 a NUL in a call outcome's note is a 400 problem naming the field and the call stays open; a note over several lines (CR LF, TAB) is stored as given")
    void controlCharactersInACallNote() throws Exception {
        Customer customer = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-WX-01", "PHONE"));
        String id = Reminders.followUpCallDue(brokers, customer, "call-" + java.util.UUID.randomUUID());
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.findById(id)
                .map(n -> n.status() == NotificationStatus.SENT).orElse(false));
        int before = notifications.findById(id).orElseThrow().attempts();

        mvc.perform(post("/api/notifications/calls/" + id + "/outcome").header("Authorization", WUXI_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"REACHED\",\"note\":\"very\\u0000satisfied\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("note"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("must not contain control characters")));
        assertThat(notifications.findById(id).orElseThrow())
                .satisfies(call -> assertThat(call.status()).isEqualTo(NotificationStatus.SENT))
                .satisfies(call -> assertThat(call.attempts()).isEqualTo(before))
                .satisfies(call -> assertThat(call.callNote()).isNull());

        mvc.perform(post("/api/notifications/calls/" + id + "/outcome").header("Authorization", WUXI_ADVISOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"REACHED\",\"note\":\"very satisfied\\r\\ncall again\\tin May\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DELIVERED"))
                .andExpect(jsonPath("$.note").value("very satisfied\r\ncall again\tin May"));
    }
}
