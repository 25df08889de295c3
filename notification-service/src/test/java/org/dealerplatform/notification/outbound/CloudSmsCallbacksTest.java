package org.dealerplatform.notification.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.notification.support.CustomerFixture;
import org.dealerplatform.notification.support.CustomerFixture.Customer;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The delivery-receipt and reply pushes of Alibaba Cloud and Tencent Cloud SMS (ECO-1), authenticated by a secret path
 * segment, feeding the same receipt and opt-out handling as the generic webhooks (NOT-5, NOT-7).
 */
@ServiceTest
class CloudSmsCallbacksTest {

    static final String ALIYUN = "/api/notifications/webhooks/sms/sms-aliyun/callbacks/test-callback-secret-aliyun-0123456789";
    static final String TENCENT = "/api/notifications/webhooks/sms/sms-tencent/callbacks/test-callback-secret-tencent-0123456789";

    @Autowired
    MockMvc mvc;
    @Autowired
    NotificationStore store;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    /** A reminder recorded as sent by {@code provider} with {@code messageId}. */
    Notification sent(String provider, String messageId) {
        Notification n = Notification.request("maintenance-due:" + UUID.randomUUID() + ":2027-11-20", "JS-NJ-01",
                "c-" + UUID.randomUUID(), Purpose.MAINTENANCE_DUE, Map.of("vin", "VIN", "model", "Passat",
                        "dueDate", "2027-11-20"), Instant.now());
        n.markSent(new Delivery(Channel.SMS, "zh-CN", "13812345678", null, "【测试店】…回TD退订", provider, messageId), Instant.now());
        store.insert(n);
        return n;
    }

    static MockHttpServletRequestBuilder push(String path, String json) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    NotificationStatus statusOf(String id) {
        return store.findById(id).orElseThrow().status();
    }

    @Test
    @DisplayName("ECO-1 NOT-5 an Alibaba SmsReport push (out_id = our reference) marks the SMS DELIVERED or FAILED, answers Alibaba's ack, and a repeat is a no-op")
    void alibabaReports() throws Exception {
        Notification delivered = sent("sms-aliyun", "biz-" + UUID.randomUUID());
        Notification failed = sent("sms-aliyun", "biz-" + UUID.randomUUID());
        String report = """
                [{"phone_number":"13812345678","send_time":"2026-11-20 10:15:30","report_time":"2026-11-20 10:15:33",
                  "success":true,"err_code":"DELIVERED","err_msg":"用户接收成功","sms_size":"1","biz_id":"%s","out_id":"%s"},
                 {"phone_number":"13812345678","send_time":"2026-11-20 10:15:30","report_time":"2026-11-20 10:15:40",
                  "success":false,"err_code":"MN:0001","err_msg":"空号","sms_size":"1","biz_id":"%s","out_id":"%s"},
                 {"phone_number":"13812345678","success":true,"biz_id":"not-ours","out_id":"maintenance-due:unknown:2027-11-20"}]
                """.formatted(delivered.providerMessageId(), delivered.id(), failed.providerMessageId(), failed.id());
        mvc.perform(push(ALIYUN + "/receipts", report)).andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0)).andExpect(jsonPath("$.msg").value("成功"))
                .andExpect(jsonPath("$.applied").value(2)).andExpect(jsonPath("$.unknown").value(1));
        assertThat(statusOf(delivered.id())).isEqualTo(NotificationStatus.DELIVERED);
        Notification afterFailure = store.findById(failed.id()).orElseThrow();
        assertThat(afterFailure.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(afterFailure.reason()).contains("MN:0001");
        // 10:15:33 Beijing time
        assertThat(store.findById(delivered.id()).orElseThrow().deliveredAt()).isEqualTo(Instant.parse("2026-11-20T02:15:33Z"));
        mvc.perform(push(ALIYUN + "/receipts", report)).andExpect(status().isOk()).andExpect(jsonPath("$.applied").value(0));
    }

    @Test
    @DisplayName("ECO-1 NOT-5 a Tencent status callback (sid = SendSms SerialNo, no reference) marks the SMS DELIVERED or FAILED and answers Tencent's ack")
    void tencentReports() throws Exception {
        Notification delivered = sent("sms-tencent", "5000:" + UUID.randomUUID());
        Notification failed = sent("sms-tencent", "5000:" + UUID.randomUUID());
        mvc.perform(push(TENCENT + "/receipts", """
                [{"user_receive_time":"2026-11-20 10:15:33","nationcode":"86","mobile":"13812345678",
                  "report_status":"SUCCESS","errmsg":"DELIVRD","description":"用户短信送达成功","sid":"%s"},
                 {"user_receive_time":"2026-11-20 10:15:35","nationcode":"86","mobile":"13812345678",
                  "report_status":"FAIL","errmsg":"MK:0001","description":"空号","sid":"%s"}]
                """.formatted(delivered.providerMessageId(), failed.providerMessageId())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.result").value(0))
                .andExpect(jsonPath("$.errmsg").value("OK")).andExpect(jsonPath("$.applied").value(2));
        assertThat(statusOf(delivered.id())).isEqualTo(NotificationStatus.DELIVERED);
        assertThat(statusOf(failed.id())).isEqualTo(NotificationStatus.FAILED);
        // a Tencent report for a message another provider sent does not touch it
        Notification byAliyun = sent("sms-aliyun", "5000:" + UUID.randomUUID());
        mvc.perform(push(TENCENT + "/receipts", """
                [{"report_status":"SUCCESS","sid":"%s"}]""".formatted(byAliyun.providerMessageId())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.unknown").value(1));
        assertThat(statusOf(byAliyun.id())).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    @DisplayName("ECO-1 the callbacks are authenticated by the secret path segment: a wrong secret, another provider's secret or a provider that is not a cloud type gets 404 and changes nothing")
    void secretPath() throws Exception {
        Notification n = sent("sms-aliyun", "biz-" + UUID.randomUUID());
        String report = """
                [{"success":true,"biz_id":"%s","out_id":"%s"}]""".formatted(n.providerMessageId(), n.id());
        for (String path : new String[] {
                "/api/notifications/webhooks/sms/sms-aliyun/callbacks/test-callback-secret-aliyun-012345678X",
                "/api/notifications/webhooks/sms/sms-aliyun/callbacks/test-callback-secret-tencent-0123456789",
                "/api/notifications/webhooks/sms/sms-primary/callbacks/test-callback-secret-aliyun-0123456789",
                "/api/notifications/webhooks/sms/sms-nobody/callbacks/test-callback-secret-aliyun-0123456789"}) {
            mvc.perform(push(path + "/receipts", report)).andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        // nor does the HMAC webhook take a cloud provider's receipt without its signature
        mvc.perform(push("/api/notifications/webhooks/sms/sms-aliyun/receipts",
                "{\"reference\":\"%s\",\"status\":\"DELIVERED\"}".formatted(n.id()))).andExpect(status().isUnauthorized());
        assertThat(statusOf(n.id())).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    @DisplayName("ECO-1 SEC-8 bad input is a problem: not JSON, items without their ids or text with control characters → 400, a body above 64 KiB → 413")
    void badInput() throws Exception {
        mvc.perform(push(ALIYUN + "/receipts", "not json")).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(push(ALIYUN + "/receipts", "[{\"success\":true}]")).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(push(TENCENT + "/receipts", "[{\"report_status\":\"SUCCESS\"}]")).andExpect(status().isBadRequest());
        mvc.perform(push(TENCENT + "/replies", "[1,2]")).andExpect(status().isBadRequest());
        // SEC-8: a reply's text with an escape sequence (a terminal or log forger's) is refused like any body text
        mvc.perform(push(TENCENT + "/replies", """
                {"mobile":"13800000000","nationcode":"86","text":"TD\\u001b[2J","time":1763605300}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("U+001B")));
        String big = "[" + "{\"success\":true,\"biz_id\":\"x\",\"out_id\":\"y\"},".repeat(1_600) + "{}]";
        assertThat(big.length()).isGreaterThan(64 * 1024);
        mvc.perform(push(ALIYUN + "/receipts", big)).andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    @DisplayName("ECO-1 NOT-7 an opt-out reply (TD / 退订) through Alibaba's SmsUp or Tencent's reply callback stops SMS to that customer")
    void replies() throws Exception {
        Customer viaAliyun = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        Customer viaTencent = CustomerFixture.publish(brokers, mongo, Customer.zh("JS-NJ-01", "SMS"));
        mvc.perform(push(ALIYUN + "/replies", """
                [{"phone_number":"%s","send_time":"2026-11-20 10:20:00","content":"TD","sign_name":"测试店",
                  "dest_code":"1234","sequence_id":1234567890}]""".formatted(viaAliyun.mobile())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.optedOutCustomers").value(1));
        mvc.perform(push(TENCENT + "/replies", """
                {"extend":"","mobile":"%s","nationcode":"86","sign":"测试店","text":"退订","time":1763605200}"""
                .formatted(viaTencent.mobile())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.result").value(0))
                .andExpect(jsonPath("$.optedOutCustomers").value(1));
        mvc.perform(push(TENCENT + "/replies", """
                {"mobile":"%s","nationcode":"86","text":"好的，谢谢","time":1763605300}""".formatted(viaTencent.mobile())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.optedOutCustomers").value(0));
    }
}
