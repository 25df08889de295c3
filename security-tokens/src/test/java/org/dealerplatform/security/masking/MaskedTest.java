package org.dealerplatform.security.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonWriter;

/** OBS-2: what personal data looks like in logs. */
class MaskedTest {

    @Test
    @DisplayName("OBS-2 a mobile keeps its first 3 and last 4 digits, with or without +86")
    void mobile() {
        assertThat(Masked.mobile("13812345678")).isEqualTo("138****5678");
        assertThat(Masked.mobile("+86 138-1234-5678")).isEqualTo("138****5678");
        assertThat(Masked.mobile("12345")).isEqualTo("****");
        assertThat(Masked.mobile(null)).isNull();
    }

    @Test
    @DisplayName("OBS-2 a name keeps its first character, one star per further character (also outside the BMP)")
    void name() {
        assertThat(Masked.name("王小明")).isEqualTo("王**");
        assertThat(Masked.name("欧阳小明")).isEqualTo("欧***");
        assertThat(Masked.name("𠀀小明")).isEqualTo("𠀀**");
        assertThat(Masked.name("Li Wei")).isEqualTo("L*****");
        assertThat(Masked.name("王")).isEqualTo("*");
    }

    @Test
    @DisplayName("OBS-2 an e-mail keeps the first character of its local part and its domain")
    void email() {
        assertThat(Masked.email("alice@example.com")).isEqualTo("a***@example.com");
        assertThat(Masked.email("no-at-sign")).isEqualTo("***");
    }

    @Test
    @DisplayName("OBS-2 free text: mobiles and e-mails masked, ids, timestamps and VINs left alone")
    void text() {
        assertThat(Masked.text("sms to 13812345678 failed; mail wang.xiaoming@example.com; +8613912345678"))
                .isEqualTo("sms to 138****5678 failed; mail w***@example.com; +86139****5678");
        assertThat(Masked.text("at 1733123456789 order 2138123456781 vin LSVAU2A37N2183920 id 12345678901"))
                .isEqualTo("at 1733123456789 order 2138123456781 vin LSVAU2A37N2183920 id 12345678901");
        assertThat(Masked.text(null)).isNull();
    }

    @Test
    @DisplayName("issue 10 OBS-2 the digit-run pre-check finds a mobile wherever the pattern does, and only runs of 11")
    void digitRunPreCheck() {
        assertThat(Masked.hasDigitRun("/api/customers/7ae42d1d-de90-4e85-828d-3c4d4da0546c?page=2", 11)).isFalse();
        assertThat(Masked.hasDigitRun("order 1381234567 (10 digits)", 11)).isFalse();
        assertThat(Masked.hasDigitRun("13812345678", 11)).isTrue();
        assertThat(Masked.hasDigitRun("x+86-13812345678y", 11)).isTrue();
        // at the very end, after a shorter run, and as separated prefix + number: still masked
        assertThat(Masked.text("a 12 b 13812345678")).isEqualTo("a 12 b 138****5678");
        assertThat(Masked.text("/api/customers?mobile=86-13912345678")).isEqualTo("/api/customers?mobile=86-139****5678");
        assertThat(Masked.text("/api/customers?mobile=1391234567")).isEqualTo("/api/customers?mobile=1391234567");
    }

    @Test
    @DisplayName("OBS-2 free text with long runs of address characters is masked in linear time")
    void textWithLongRuns() {
        // a 400,000-character token beside an address: the former pattern tried a match from every position of the
        // run to its end, ~10^11 steps here (minutes). The timeout only catches that regression; it is no speed claim.
        String blob = "A".repeat(400_000);
        String text = "token " + blob + " from .li.wei@example.com and " + blob + "@";
        String masked = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Masked.text(text));
        assertThat(masked).isEqualTo("token " + blob + " from .***@example.com and " + blob + "@");
        assertThat(Masked.text("x " + blob + "@example.com")).isEqualTo("x A***@example.com");
    }

    @Test
    @DisplayName("OBS-2 PersonalDataMasking masks every string member of a JSON log line")
    void customizer() {
        JsonWriter<Object> writer = JsonWriter.of(members -> {
            members.add("message", "call 13812345678");
            members.add("error", "mail alice@example.com");
            new PersonalDataMasking().customize(members);
        });
        assertThat(writer.writeToString(new Object()))
                .isEqualTo("{\"message\":\"call 138****5678\",\"error\":\"mail a***@example.com\"}");
    }

    @Test
    @DisplayName("OBS-2 OBS-1 MaskedObservations masks mobiles and e-mails in the attributes that become span tags, and leaves the rest")
    void observations() {
        Observation.Context context = new Observation.Context();
        context.addHighCardinalityKeyValue(KeyValue.of("http.uri", "/api/customers?mobile=13812345678&email=alice@example.com"));
        context.addHighCardinalityKeyValue(KeyValue.of("http.url", "/api/customers/0191a2b3-c4d5-7e6f-8a9b-123456789012"));
        context.addLowCardinalityKeyValue(KeyValue.of("method", "GET"));

        new MaskedObservations().map(context);

        assertThat(context.getHighCardinalityKeyValue("http.uri").getValue())
                .isEqualTo("/api/customers?mobile=138****5678&email=a***@example.com");
        assertThat(context.getHighCardinalityKeyValue("http.url").getValue())
                .isEqualTo("/api/customers/0191a2b3-c4d5-7e6f-8a9b-123456789012");
        assertThat(context.getLowCardinalityKeyValue("method").getValue()).isEqualTo("GET");
    }
}
