package org.dealerplatform.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.EmbeddedMongoInitializer;
import org.dealerplatform.test.TestIssuer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP against the real servlet container, so the requests Tomcat and the request firewall refuse before any
 * controller runs are seen as a caller sees them (SEC-8). No broker: a second embedded one would take over the
 * {@code spring.kafka.bootstrap-servers} system property the {@code @ServiceTest} classes rely on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dealer.outbox.enabled=false",
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "spring.kafka.admin.auto-create=false",
        "spring.kafka.listener.auto-startup=false"})
@ContextConfiguration(initializers = EmbeddedMongoInitializer.class)
@Import(TestIssuer.class)
class RejectionsAreProblemsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    /** The status line, the Content-Type header and the body of a GET sent byte for byte as given. */
    private String[] get(String target) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + DevTokens.bearer("alice", "JS-NJ-01", "SALES") + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String head = response.substring(0, response.indexOf("\r\n\r\n"));
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            String type = head.lines().filter(line -> line.toLowerCase().startsWith("content-type:")).findFirst()
                    .orElse("");
            return new String[] {head.lines().findFirst().orElseThrow(), type, body};
        }
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/tickets/%2e%2e/x", "/tickets/..%2fx", "/tickets/%2e%2e%2fx", "/tickets/%00",
            "/tickets/a%00b", "/tickets/a;b", "/tickets/a%2fb", "/tickets/a%5cb", "/tickets//x", "/tickets/a%25b",
            "/tickets/%zz", "/tickets/x?q=a|b", "/tickets/a%01b", "/tickets/x?q=%00", "/tickets/x?name=a%0Ab"})
    @DisplayName("SEC-8 a path or query the firewall, the container or the platform refuses is a 400 problem detail")
    void refusalsAreProblems(String target) throws Exception {
        String[] response = get(target);

        assertThat(response[0]).as("status line").startsWith("HTTP/1.1 400");
        assertThat(response[1]).as("content type").containsIgnoringCase("application/problem+json");
        JsonNode problem = JSON.readTree(response[2]);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(response[2]).doesNotContain("Exception", "<html");
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/tickets/x?q=%00|q", "/tickets/x?name=a%0Ab|name", "/tickets/a%01b|path",
            "/tickets/x?ok=1&bad=%7F|bad"})
    @DisplayName("SEC-8 a control character in a query parameter or the path is a 400 problem naming the parameter")
    void controlCharactersNameTheParameter(String probe) throws Exception {
        String[] parts = probe.split("\\|");

        String[] response = get(parts[0]);

        assertThat(response[0]).startsWith("HTTP/1.1 400");
        JsonNode problem = JSON.readTree(response[2]);
        assertThat(problem.path("errors").path(0).path("field").asString()).isEqualTo(parts[1]);
        assertThat(problem.path("errors").path(0).path("message").asString()).contains("control characters");
    }

    @org.junit.jupiter.api.Test
    @DisplayName("SEC-3 a chunked JSON body that grows over 256 KiB is a 413 problem")
    void chunkedJsonOverTheLimit() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /tickets HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + DevTokens.bearer("alice", "JS-NJ-01", "SALES") + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            byte[] start = "{\"id\":\"chunked\",\"title\":\"".getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(start.length) + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(start);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "a".repeat(16 * 1024).getBytes(StandardCharsets.UTF_8);
            try {
                for (int i = 0; i < 20; i++) { // 320 KiB
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                }
                out.write("1\r\n\"\r\n1\r\n}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).containsIgnoringCase("application/problem+json").contains("\"status\":413");
        }
    }
}
