package org.dealerplatform.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

@ServiceTest
class BodyTextTest {

    static final String ALICE = DevTokens.bearer("alice", "JS-NJ-01", "SALES");

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper appMapper;

    record Note(String text, List<String> tags, Map<String, String> labels, Inner inner) {
    }

    record Inner(String remark) {
    }

    static final JsonMapper BODY = JsonMapper.builder().addModule(BodyText.module()).build();

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0000", "0001", "0007", "0008", "000B", "000C", "001B", "001F", "007F", "0085", "009F"})
    @DisplayName("SEC-8 a control character other than TAB, CR, LF anywhere in body text is refused, naming the field's path")
    void controlCharactersAreRefused(String hex) {
        String escaped = "\\u" + hex;
        for (String json : List.of("{\"text\":\"a" + escaped + "b\"}", "{\"tags\":[\"ok\",\"a" + escaped + "\"]}",
                "{\"labels\":{\"k\":\"" + escaped + "\"}}", "{\"inner\":{\"remark\":\"" + escaped + "x\"}}")) {
            assertThatThrownBy(() -> BODY.readValue(json, Note.class)).as(json)
                    .isInstanceOf(BodyText.ControlCharacterException.class)
                    .satisfies(e -> assertThat(((DatabindException) e).getPath()).isNotEmpty())
                    .hasMessageContaining("U+" + hex);
        }
    }

    @Test
    @DisplayName("SEC-8 TAB, CR and LF stay allowed in body text, and so does any other text (Chinese, emoji)")
    void tabCrLfAreText() {
        Note note = BODY.readValue("{\"text\":\"第一行\\r\\n第二行\\t🚗\",\"tags\":[\"a\\nb\"],\"inner\":{\"remark\":\"x\\ty\"}}", Note.class);
        assertThat(note.text()).isEqualTo("第一行\r\n第二行\t🚗");
        assertThat(note.tags()).containsExactly("a\nb");
        assertThat(note.inner().remark()).isEqualTo("x\ty");
    }

    @Test
    @DisplayName("SEC-8 only request bodies are checked: the application's mapper (events, stored JSON) still reads a NUL")
    void eventsKeepThePlainMapper() {
        assertThat(appMapper.readValue("{\"text\":\"a\\u0000b\"}", Note.class).text()).isEqualTo("a\u0000b");
    }

    @Test
    @DisplayName("SEC-8 a NUL in a JSON body field of a service's endpoint is a 400 problem whose field error names the field; TAB, CR, LF are stored as given")
    void requestLevel() throws Exception {
        mvc.perform(post("/tickets").header("Authorization", ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + UUID.randomUUID() + "\",\"title\":\"a\\u0000b\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("title"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("control characters")));
        mvc.perform(post("/tickets").header("Authorization", ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + UUID.randomUUID() + "\",\"title\":\"a\\u001b[31m\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("title"));
        mvc.perform(post("/tickets").header("Authorization", ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + UUID.randomUUID() + "\",\"title\":\"a\\tb\\r\\nc\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.title").value("a\tb\r\nc"));
    }
}
