package org.dealerplatform.customer.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OBS-2: outside the {@code local} profile the service logs one JSON object per line (Spring Boot's structured
 * logging, Elastic Common Schema) with the request's trace and span ids, and personal data in it is masked.
 *
 * <p>platform-test's {@code logback-test.xml} keeps test output readable, so for each test the root logger's console
 * appender is swapped for one with Boot's own {@link StructuredLogEncoder} (what Boot's default configuration sets up
 * when {@code logging.structured.format.console} is set): the format ({@code ecs}) and the masking customizer come from
 * application.yml through the service's environment, as in production. The cached {@code @ServiceTest} context is used:
 * a second context would run a second outbox relay on the same database, publishing to a second broker.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

    static final String NANJING_SALES = DevTokens.bearer("alice", "JS-NJ-01", "SALES");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    Environment environment;

    private final List<Appender<ILoggingEvent>> textAppenders = new ArrayList<>();
    private ConsoleAppender<ILoggingEvent> json;

    /** The console as production has it: Boot's structured encoder in the format application.yml names. */
    @BeforeEach
    void jsonConsole() {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(textAppenders::add);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(logback);
        encoder.setFormat(environment.getProperty("logging.structured.format.console"));
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        json = new ConsoleAppender<>();
        json.setContext(logback);
        json.setName("OBS2_JSON");
        json.setEncoder(encoder);
        json.start();
        textAppenders.forEach(root::detachAppender);
        root.addAppender(json);
    }

    @AfterEach
    void textConsole() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(json);
        json.stop();
        textAppenders.forEach(root::addAppender);
        textAppenders.clear();
    }

    @Test
    @DisplayName("OBS-2 a refused registration logs JSON with the request's traceId and spanId, the customer's mobile and name masked")
    void jsonLogsWithTraceIdsAndMaskedPersonalData(CapturedOutput output) throws Exception {
        String mobile = "138" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String maskedMobile = mobile.substring(0, 3) + "****" + mobile.substring(7);
        String traceparent = EventContext.newTraceparent();
        String traceId = traceparent.substring(3, 35);
        String callerSpanId = traceparent.substring(36, 52);
        String customer = """
                {"name":"王小明","type":"INDIVIDUAL","mobile":"%s","email":"wang.xiaoming@example.com",
                 "address":"南京市鼓楼区中山北路100号","preferredLanguage":"zh-CN","firstVisitDate":"2026-11-20"}
                """.formatted(mobile);
        mvc.perform(post("/api/customers").header("Authorization", NANJING_SALES).header("traceparent", traceparent)
                .contentType(MediaType.APPLICATION_JSON).content(customer)).andExpect(status().isCreated());
        // the same mobile again: refused (CUS-6), and the refusal is logged for support
        mvc.perform(post("/api/customers").header("Authorization", NANJING_SALES).header("traceparent", traceparent)
                .contentType(MediaType.APPLICATION_JSON).content(customer)).andExpect(status().isConflict());

        List<JsonNode> lines = jsonLines(output.getOut());
        JsonNode refusal = lines.stream().filter(l -> l.path("message").asString("").startsWith("customer file refused"))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON line for the refusal in:\n" + output.getOut()));
        assertThat(refusal.path("@timestamp").isMissingNode()).isFalse();
        assertThat(refusal.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(refusal.path("service").path("name").asString()).isEqualTo("customer-service");
        assertThat(refusal.path("traceId").asString()).isEqualTo(traceId);
        // OBS-1: the span is the service's own (Micrometer Tracing), a descendant of the caller's in the same trace
        assertThat(refusal.path("spanId").asString()).matches("[0-9a-f]{16}").isNotEqualTo(callerSpanId);
        assertThat(refusal.path("correlationId").asString()).isNotBlank();
        assertThat(refusal.path("message").asString()).contains(maskedMobile, "(王**)");

        assertThat(output.getAll()).doesNotContain(mobile, "王小明", "wang.xiaoming@example.com");
    }

    @Test
    @DisplayName("OBS-2 free text in a JSON log line (an exception message, a library's line) has mobiles and e-mails masked")
    void freeTextMasked(CapturedOutput output) {
        LoggerFactory.getLogger("obs2.provider").warn("provider refused +86 13812345678 and alice@example.com",
                new IllegalStateException("no route to 13912345678"));

        JsonNode line = jsonLines(output.getOut()).stream()
                .filter(l -> l.path("log").path("logger").asString("").equals("obs2.provider"))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON line in:\n" + output.getOut()));
        assertThat(line.path("message").asString()).isEqualTo("provider refused +86 138****5678 and a***@example.com");
        assertThat(line.toString()).contains("no route to 139****5678");
        assertThat(output.getAll()).doesNotContain("13812345678", "13912345678", "alice@example.com");
    }

    @Test
    @DisplayName("OBS-2 the console log is JSON (ecs) outside the local profile and Boot's readable text in it")
    void jsonOutsideTheLocalProfileOnly() {
        assertThat(structuredFormat()).isEqualTo("ecs");
        assertThat(structuredFormat("local")).isNullOrEmpty();
        assertThat(structuredFormat("docker")).isEqualTo("ecs");
    }

    /** logging.structured.format.console as application.yml resolves it with these profiles active. */
    private static String structuredFormat(String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        ConfigDataEnvironmentPostProcessor.applyTo(environment, new DefaultResourceLoader(),
                new DefaultBootstrapContext(), profiles);
        return environment.getProperty("logging.structured.format.console");
    }

    private static List<JsonNode> jsonLines(String out) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
