package org.dealerplatform.notification.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** NOT-2 templated reminders in zh-CN and en; NOT-7 every SMS carries the opt-out instruction. */
class MessageTemplatesTest {

    static final MessageTemplates TEMPLATES = new MessageTemplates("南京江宁店");
    static final MessageTemplates.Branch BRANCH = new MessageTemplates.Branch("南京江宁店", "南京市江宁区汽车城路8号", "025-8888-0001");
    static final Map<String, String> DUE = Map.of("vin", "1HGCM82633A004352", "model", "Passat 330TSI", "dueDate", "2027-11-20");
    static final Map<String, String> CAMPAIGN = Map.of("campaignName", "免费检测周", "content", "Free 30-point inspection",
            "startDate", "2026-12-07", "endDate", "2026-12-13", "address", "南京市江宁区汽车城路8号");

    @Test
    @DisplayName("NOT-2 NOT-7 a Chinese maintenance SMS names customer, vehicle, due date and branch, and ends with 回TD退订")
    void chineseMaintenanceSms() {
        MessageTemplates.Message sms = TEMPLATES.render(Purpose.MAINTENANCE_DUE, Channel.SMS, "zh-CN", "王伟", BRANCH, DUE);
        assertThat(sms.body()).isEqualTo("【南京江宁店】尊敬的王伟，您的爱车Passat 330TSI（1HGCM82633A004352）将于2027年11月20日到期保养，"
                + "请联系南京江宁店（南京市江宁区汽车城路8号，025-8888-0001）预约。回TD退订");
    }

    @Test
    @DisplayName("NOT-2 NOT-7 an English maintenance SMS renders the same facts and ends with Reply STOP to opt out")
    void englishMaintenanceSms() {
        MessageTemplates.Message sms = TEMPLATES.render(Purpose.MAINTENANCE_DUE, Channel.SMS, "en", "Emma Li", BRANCH, DUE);
        assertThat(sms.body()).contains("Dear Emma Li", "Passat 330TSI", "20 Nov 2027", "南京市江宁区汽车城路8号")
                .endsWith(". Reply STOP to opt out");
    }

    @Test
    @DisplayName("NOT-2 NOT-7 campaign invitations carry content, dates and address; every SMS in both languages ends with the opt-out")
    void campaignInvitations() {
        MessageTemplates.Message zh = TEMPLATES.render(Purpose.CAMPAIGN_INVITATION, Channel.SMS, "zh-CN", "王伟", BRANCH, CAMPAIGN);
        assertThat(zh.body()).contains("免费检测周", "Free 30-point inspection", "2026年12月7日至2026年12月13日", "汽车城路8号")
                .endsWith(MessageTemplates.OPT_OUT_ZH);
        MessageTemplates.Message en = TEMPLATES.render(Purpose.CAMPAIGN_INVITATION, Channel.SMS, "en", "Emma", BRANCH, CAMPAIGN);
        assertThat(en.body()).contains("7 Dec 2026 to 13 Dec 2026").endsWith(MessageTemplates.OPT_OUT_EN);
    }

    @Test
    @DisplayName("NOT-2 e-mails have a subject line and a body in the customer's language; unknown languages fall back to Chinese")
    void emails() {
        MessageTemplates.Message en = TEMPLATES.render(Purpose.CAMPAIGN_INVITATION, Channel.EMAIL, "en", "Emma", BRANCH, CAMPAIGN);
        assertThat(en.subject()).isEqualTo("Invitation: 免费检测周");
        assertThat(en.body()).startsWith("Dear Emma,").contains("When: 7 Dec 2026 to 13 Dec 2026");
        MessageTemplates.Message fallback = TEMPLATES.render(Purpose.MAINTENANCE_DUE, Channel.EMAIL, "fr", "Jean", BRANCH, DUE);
        assertThat(fallback.subject()).startsWith("保养提醒");
    }

    @Test
    @DisplayName("NOT-2 letters and call scripts render in both languages without placeholders left over")
    void lettersAndScripts() {
        for (String language : new String[] {"zh-CN", "en"}) {
            assertThat(TEMPLATES.render(Purpose.MAINTENANCE_DUE, Channel.LETTER, language, "王伟", BRANCH, DUE).body())
                    .contains("王伟", "1HGCM82633A004352").doesNotContain("{{");
            assertThat(TEMPLATES.render(Purpose.FOLLOW_UP_CALL, Channel.PHONE, language, "王伟", BRANCH,
                    Map.of("vin", "1HGCM82633A004352")).body()).contains("王伟", "南京江宁店").doesNotContain("{{");
        }
    }
}
