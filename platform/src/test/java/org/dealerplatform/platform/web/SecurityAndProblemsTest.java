package org.dealerplatform.platform.web;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class SecurityAndProblemsTest {

    @Autowired
    MockMvc mvc;

    private String open(String branch, String auth) throws Exception {
        String id = UUID.randomUUID().toString();
        mvc.perform(post("/tickets").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"" + id + "\",\"title\":\"t\",\"branchId\":\"" + branch + "\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.branchId").value(branch));
        return id;
    }

    @Test
    @DisplayName("GW-2 a request without a token, with a forged or an expired one gets 401 problem details")
    void unauthenticated() throws Exception {
        mvc.perform(get("/tickets/x")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        String forged = DevTokens.sign("mallory", "JS-NJ-01", Instant.now().plusSeconds(600),
                DevTokens.foreignKey(), "HQ");
        mvc.perform(get("/tickets/x").header("Authorization", "Bearer " + forged)).andExpect(status().isUnauthorized());
        String expired = DevTokens.sign("alice", "JS-NJ-01", Instant.now().minusSeconds(600), DevTokens.DEV_KEY, "SALES");
        mvc.perform(get("/tickets/x").header("Authorization", "Bearer " + expired)).andExpect(status().isUnauthorized());
    }

    @Test
    @DisplayName("SEC-6 outside profile local, metrics and API documents need HQ or MONITORING, and MONITORING reads no business data")
    void operationsEndpointsAreNotAnonymous() throws Exception {
        for (String path : List.of("/v3/api-docs", "/actuator/prometheus")) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(get(path).header("Authorization", DevTokens.bearer("alice", "JS-NJ-01", "SALES")))
                    .andExpect(status().isForbidden());
            mvc.perform(get(path).header("Authorization", DevTokens.monitoring())).andExpect(status().isOk());
            mvc.perform(get(path).header("Authorization", "Bearer " + DevTokens.hq())).andExpect(status().isOk());
        }
        String id = open("JS-NJ-01", "Bearer " + DevTokens.hq());
        mvc.perform(get("/tickets/" + id).header("Authorization", DevTokens.monitoring()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    @DisplayName("UI-1 an HS256 token with the right claims (the old shared-secret kind) gets 401 at the service")
    void sharedSecretTokensAreRefused() throws Exception {
        String hs256 = DevTokens.hs256("the-old-shared-secret-of-at-least-32-bytes", c -> c.subject("mallory")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("roles", List.of("HQ")));
        mvc.perform(get("/tickets/x").header("Authorization", "Bearer " + hs256))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/tickets/x").header("Authorization", "Bearer " + DevTokens.signWith(DevTokens.foreignKey(),
                c -> c.subject("mallory").expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .claim("roles", List.of("HQ"))))).andExpect(status().isUnauthorized());
    }

    static Stream<Arguments> tokensBreakingARule() {
        Date inAnHour = Date.from(Instant.now().plusSeconds(3600));
        return Stream.of(
                Arguments.of("without exp", "expiry", DevTokens.signWith(DevTokens.DEV_KEY, c -> c.subject("eve")
                        .claim("roles", List.of("HQ")))),
                Arguments.of("expired", "expired", DevTokens.sign("eve", "JS-NJ-01", Instant.now().minusSeconds(600),
                        DevTokens.DEV_KEY, "SALES")),
                Arguments.of("of another issuer", "iss", DevTokens.signWith(DevTokens.DEV_KEY, c -> c.subject("eve")
                        .issuer("someone-else").expirationTime(inAnHour).claim("roles", List.of("HQ")))),
                Arguments.of("without issuer", "iss", DevTokens.signWith(DevTokens.DEV_KEY, c -> c.subject("eve")
                        .issuer(null).expirationTime(inAnHour).claim("roles", List.of("HQ")))),
                Arguments.of("for another audience", "audience", DevTokens.signWith(DevTokens.DEV_KEY, c -> c
                        .subject("eve").audience("another-api").expirationTime(inAnHour).claim("roles", List.of("HQ")))),
                Arguments.of("SALES without branchId", "branchId", DevTokens.sign("eve", null,
                        Instant.now().plusSeconds(600), DevTokens.DEV_KEY, "SALES")),
                Arguments.of("with an unknown role", "unknown role", DevTokens.sign("eve", "JS-NJ-01",
                        Instant.now().plusSeconds(600), DevTokens.DEV_KEY, "SALES", "ADMIN")),
                Arguments.of("with roles as a string", "array", DevTokens.signWith(DevTokens.DEV_KEY, c -> c
                        .subject("eve").expirationTime(inAnHour).claim("roles", "HQ"))));
    }

    @ParameterizedTest(name = "a token {0}")
    @MethodSource("tokensBreakingARule")
    @DisplayName("SEC-1 a correctly signed token breaking a token rule gets a 401 problem directly at the service")
    void tokenRules(String breaking, String reason, String token) throws Exception {
        mvc.perform(get("/tickets/x").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail", containsString(reason)));
    }

    @Test
    @DisplayName("GW-2 a branch user gets 404 for another branch's record (no existence leak); HQ and the own branch see it")
    void branchScoping() throws Exception {
        String id = open("JS-NJ-01", DevTokens.bearer("alice", "JS-NJ-01", "SALES"));
        mvc.perform(get("/tickets/" + id).header("Authorization", DevTokens.bearer("bob", "ZJ-HZ-01", "SALES")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("ticket " + id + " was not found"));
        mvc.perform(get("/tickets/" + id).header("Authorization", DevTokens.bearer("carol", "JS-NJ-01", "BRANCH_MANAGER")))
                .andExpect(status().isOk());
        mvc.perform(get("/tickets/" + id).header("Authorization", "Bearer " + DevTokens.hq()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.branchId").value("JS-NJ-01"));
    }

    @Test
    @DisplayName("GW-2 a branch user cannot create a record in another branch; HQ must name the branch")
    void creationIsScoped() throws Exception {
        mvc.perform(post("/tickets").header("Authorization", DevTokens.bearer("bob", "ZJ-HZ-01", "SALES"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"id\":\"x1\",\"title\":\"t\",\"branchId\":\"JS-NJ-01\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.status").value(403));
        mvc.perform(post("/tickets").header("Authorization", "Bearer " + DevTokens.hq())
                .contentType(MediaType.APPLICATION_JSON).content("{\"id\":\"x2\",\"title\":\"t\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("branchId"));
    }

    @Test
    @DisplayName("GW-4 validation failures are problem details listing every invalid field, with the correlation id")
    void validationProblem() throws Exception {
        mvc.perform(post("/tickets").header("Authorization", DevTokens.bearer("alice", "JS-NJ-01", "SALES"))
                .header("X-Correlation-Id", "corr-123")
                .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"a title that is far too long\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("X-Correlation-Id", "corr-123"))
                .andExpect(jsonPath("$.correlationId").value("corr-123"))
                .andExpect(jsonPath("$.errors[*].field", hasItem("title")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("id")));
    }

    @Test
    @DisplayName("GW-2 GW-4 a role refusal in a controller is a 403 problem; a malformed query parameter a 400 naming it")
    void roleRefusalAndBadParameter() throws Exception {
        String id = open("JS-NJ-01", DevTokens.bearer("alice", "JS-NJ-01", "SALES"));
        mvc.perform(post("/tickets/" + id + "/close").header("Authorization", DevTokens.bearer("alice", "JS-NJ-01", "SALES")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.detail").value("only a branch manager may close a ticket"));
        mvc.perform(post("/tickets/" + id + "/close").param("count", "many")
                        .header("Authorization", DevTokens.bearer("carol", "JS-NJ-01", "BRANCH_MANAGER")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("count"));
    }

    @Test
    @DisplayName("GW-4 a request a business rule refuses is a 422 problem naming the field")
    void ruleViolation() throws Exception {
        mvc.perform(post("/tickets").header("Authorization", DevTokens.bearer("alice", "JS-NJ-01", "SALES"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"id\":\"r1\",\"title\":\"closed\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("title"))
                .andExpect(jsonPath("$.detail").value("a new ticket cannot be titled closed"));
    }

    @Test
    @DisplayName("GW-4 malformed JSON is a 400 problem, never a 500 or a stack trace")
    void malformedJson() throws Exception {
        mvc.perform(post("/tickets").header("Authorization", DevTokens.bearer("alice", "JS-NJ-01", "SALES"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"title\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(content().string(not(containsString("at org."))));
    }

    @Test
    @DisplayName("health is public; the Prometheus endpoint (for a MONITORING token) exposes the outbox metrics")
    void publicOperationalEndpoints() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/prometheus").header("Authorization", DevTokens.monitoring())).andExpect(status().isOk())
                .andExpect(content().string(containsString("dealer_outbox_published_total")))
                .andExpect(content().string(containsString("dealer_outbox_oldest_pending_seconds")));
    }

    @Test
    @DisplayName("SEC-8 free-text JSON may hold TAB, CR and LF; the same characters in a query parameter are a 400 problem")
    void controlCharactersInBodiesAndParameters() throws Exception {
        String id = UUID.randomUUID().toString();
        mvc.perform(post("/tickets").header("Authorization", DevTokens.bearer("alice", "JS-NJ-01", "SALES"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + id + "\",\"title\":\"a\\tb\\r\\nc\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.title").value("a\tb\r\nc"));
        mvc.perform(post("/tickets/" + id + "/close?count={count}", "1\t")
                        .header("Authorization", DevTokens.bearer("carol", "JS-NJ-01", "BRANCH_MANAGER")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("count"))
                .andExpect(jsonPath("$.errors[0].message").value("must not contain control characters"));
    }

    @Test
    @DisplayName("issue 12 a query value or a path segment over 200 characters (the maxLength the OpenAPI documents give) is a 400 problem naming it; 200 is read")
    void overlongParametersAndPathSegments() throws Exception {
        String id = UUID.randomUUID().toString();
        mvc.perform(post("/tickets").header("Authorization", DevTokens.bearer("alice", "JS-NJ-01", "SALES"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"id\":\"" + id + "\",\"title\":\"t\"}"))
                .andExpect(status().isCreated());
        String manager = DevTokens.bearer("carol", "JS-NJ-01", "BRANCH_MANAGER");
        mvc.perform(post("/tickets/" + id + "/close?count={count}", "1" + "0".repeat(200)).header("Authorization", manager))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("count"))
                .andExpect(jsonPath("$.errors[0].message").value("must be at most 200 characters"));
        mvc.perform(post("/tickets/" + "x".repeat(201) + "/close").header("Authorization", manager))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("path"))
                .andExpect(jsonPath("$.errors[0].message").value("must be at most 200 characters"));
        mvc.perform(get("/tickets/" + "x".repeat(200)).header("Authorization", manager))
                .andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("SEC-3 a JSON body over 256 KiB is a 413 problem; one just under the limit is read")
    void oversizedJsonBody() throws Exception {
        String big = "{\"id\":\"big\",\"title\":\"" + "a".repeat(256 * 1024) + "\"}";
        mvc.perform(post("/tickets").header("Authorization", DevTokens.bearer("alice", "JS-NJ-01", "SALES"))
                        .contentType(MediaType.APPLICATION_JSON).content(big))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(413))
                .andExpect(jsonPath("$.detail", containsString("256 KiB")));
        String nearly = "{\"id\":\"big\",\"title\":\"" + "a".repeat(200 * 1024) + "\"}";
        mvc.perform(post("/tickets").header("Authorization", DevTokens.bearer("alice", "JS-NJ-01", "SALES"))
                        .contentType(MediaType.APPLICATION_JSON).content(nearly))
                .andExpect(status().isBadRequest()) // read, and refused for its over-long title
                .andExpect(jsonPath("$.errors[0].field").value("title"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"not a safe id; <script>", "x\"}{\"admin\":true",
            "corr-1 level=ERROR forged", "%0d%0aforged", "a/b"})
    @DisplayName("GW-3 issue 12 a service called directly replaces an unsafe X-Correlation-Id with a new one, as the gateway does, so it never reaches logs or events")
    void unsafeCorrelationIdsAreReplaced(String unsafe) throws Exception {
        String echoed = mvc.perform(get("/tickets/x").header("Authorization", DevTokens.bearer("alice", "JS-NJ-01", "SALES"))
                        .header("X-Correlation-Id", unsafe))
                .andReturn().getResponse().getHeader("X-Correlation-Id");
        org.assertj.core.api.Assertions.assertThat(echoed).isNotEqualTo(unsafe).matches("[0-9a-f-]{36}");
        String safe = "corr-" + UUID.randomUUID() + ":1.2_x";
        org.assertj.core.api.Assertions.assertThat(mvc.perform(get("/tickets/x")
                        .header("Authorization", DevTokens.bearer("alice", "JS-NJ-01", "SALES")).header("X-Correlation-Id", safe))
                .andReturn().getResponse().getHeader("X-Correlation-Id")).isEqualTo(safe);
    }
}
