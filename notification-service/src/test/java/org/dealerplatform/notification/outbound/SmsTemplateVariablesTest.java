package org.dealerplatform.notification.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a pre-approved SMS template receives (ECO-1): a few short variables, never the long campaign content. */
class SmsTemplateVariablesTest {

    static final MessageTemplates TEMPLATES = new MessageTemplates("南京江宁店");
    static final MessageTemplates.Branch BRANCH = new MessageTemplates.Branch("南京江宁店", "南京市江宁区汽车城路8号", "025-8888-0001");

    @Test
    @DisplayName("ECO-1 a maintenance reminder's template gets name, model, due date, branch and phone, in that order")
    void maintenance() {
        Map<String, String> variables = TEMPLATES.smsVariables(Purpose.MAINTENANCE_DUE, "zh-CN", "王伟", BRANCH,
                Map.of("vin", "LSVAB4BR0NN000001", "model", "帕萨特", "dueDate", "2027-11-20"));
        assertThat(variables).containsExactly(Map.entry("name", "王伟"), Map.entry("model", "帕萨特"),
                Map.entry("dueDate", "2027年11月20日"), Map.entry("branch", "南京江宁店"), Map.entry("phone", "025-8888-0001"));
    }

    @Test
    @DisplayName("ECO-1 a campaign invitation's template gets name, campaign, dates, branch and phone; the long content and address stay out (letter / e-mail)")
    void campaign() {
        String content = "冬季关爱活动：免费检测30项，机油机滤8折，空调清洗特价199元，到店即送玻璃水两瓶，预约还可抽奖。".repeat(3);
        Map<String, String> variables = TEMPLATES.smsVariables(Purpose.CAMPAIGN_INVITATION, "en", "Emma Li", BRANCH,
                Map.of("campaignName", "Winter Care", "content", content, "startDate", "2026-12-01",
                        "endDate", "2026-12-31", "address", "8 Auto City Road"));
        assertThat(List.copyOf(variables.keySet())).containsExactly("name", "campaign", "startDate", "endDate", "branch", "phone");
        assertThat(variables).containsEntry("startDate", "1 Dec 2026").containsEntry("campaign", "Winter Care");
        assertThat(variables.values()).noneMatch(v -> v.contains("免费检测") || v.contains("Auto City"));
    }

    @Test
    @DisplayName("ECO-1 each template variable is cut to 35 characters and a missing fact is empty, never null")
    void bounded() {
        Map<String, String> variables = TEMPLATES.smsVariables(Purpose.CAMPAIGN_INVITATION, "zh-CN", "王".repeat(50),
                BRANCH, Map.of());
        assertThat(variables.get("name")).hasSize(MessageTemplates.SMS_VARIABLE_MAX_LENGTH);
        assertThat(variables.get("campaign")).isEmpty();
        assertThat(variables.values()).doesNotContainNull().allMatch(v -> v.length() <= 35);
    }
}
