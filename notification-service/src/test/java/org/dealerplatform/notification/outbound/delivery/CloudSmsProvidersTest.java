package org.dealerplatform.notification.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dealerplatform.notification.NotificationProperties;
import org.dealerplatform.notification.outbound.Purpose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Alibaba Cloud and Tencent Cloud SMS adapters against local stubs of their APIs (JDK HttpServer), which check each
 * request's signature with their own step-by-step implementation of the documented algorithm (ECO-1), and the mapping
 * of the providers' answers onto the port's outcomes (NOT-5).
 */
class CloudSmsProvidersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ALI_SECRET = "ali-test-secret";
    private static final String TC_SECRET = "tc-test-secret-key";
    private static final Map<String, String> VARIABLES = new java.util.LinkedHashMap<>(Map.of());

    static {
        VARIABLES.put("name", "王伟");
        VARIABLES.put("model", "帕萨特");
        VARIABLES.put("dueDate", "2027年11月20日");
        VARIABLES.put("branch", "南京江宁店");
        VARIABLES.put("phone", "025-8888-0001");
    }

    /** What a stub received, with whether its signature checked out. */
    record Call(String api, boolean signatureValid, Map<String, String> form, JsonNode json, Map<String, String> headers) {
    }

    private HttpServer server;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private volatile Function<Call, Answer> alibaba;
    private volatile Function<Call, Answer> tencent;

    record Answer(int status, String body, long delayMillis) {
        static Answer of(int status, String body) {
            return new Answer(status, body, 0);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 20);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/alibaba/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new TreeMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            Call call = new Call("alibaba", alibabaSignatureValid(form, ALI_SECRET), form, null, Map.of());
            calls.add(call);
            respond(exchange, call.signatureValid() ? alibaba.apply(call)
                    : Answer.of(400, "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not matched with our calculation.\"}"));
        });
        server.createContext("/tencent/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            Call call = new Call("tencent", tencentSignatureValid(headers, body, TC_SECRET), Map.of(),
                    JSON.readTree(body), headers);
            calls.add(call);
            respond(exchange, call.signatureValid() ? tencent.apply(call)
                    : Answer.of(200, "{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":\"The provided credentials could not be validated.\"},\"RequestId\":\"r-1\"}}"));
        });
        server.start();
        alibaba = call -> Answer.of(200, "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\",\"RequestId\":\"r-1\"}");
        tencent = call -> Answer.of(200, "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"5000:1045710669157053657849499619\",\"PhoneNumber\":\"+8613812345678\",\"Fee\":1,\"SessionContext\":\"ref\",\"Code\":\"Ok\",\"Message\":\"send success\",\"IsoCode\":\"CN\"}],\"RequestId\":\"r-2\"}}");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    // ---- the stubs' own signature checks, written from the providers' documentation, independently of the adapters ----

    /** Alibaba's documented Java recipe: URLEncoder, then + → %20, * → %2A, %7E → ~. */
    static boolean alibabaSignatureValid(Map<String, String> form, String secret) {
        try {
            StringBuilder query = new StringBuilder();
            for (Map.Entry<String, String> e : new TreeMap<>(form).entrySet()) {
                if (!e.getKey().equals("Signature")) {
                    query.append('&').append(special(e.getKey())).append('=').append(special(e.getValue()));
                }
            }
            String stringToSign = "POST&" + special("/") + "&" + special(query.substring(1));
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
            return expected.equals(form.get("Signature"));
        } catch (Exception e) {
            return false;
        }
    }

    private static String special(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** TC3-HMAC-SHA256 step by step from the request as it arrived (Host and Content-Type headers, raw body). */
    static boolean tencentSignatureValid(Map<String, String> headers, String body, String secretKey) {
        try {
            String authorization = headers.get("Authorization");
            String timestamp = headers.get("X-TC-Timestamp");
            String date = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC)
                    .format(Instant.ofEpochSecond(Long.parseLong(timestamp)));
            String canonical = "POST\n/\n\n" + "content-type:" + headers.get("Content-Type") + "\n" + "host:"
                    + headers.get("Host") + "\n" + "\n" + "content-type;host" + "\n" + hex(sha256(body));
            String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/sms/tc3_request\n" + hex(sha256(canonical));
            byte[] k = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
            k = hmac(k, "sms");
            k = hmac(k, "tc3_request");
            String signature = hex(hmac(k, stringToSign));
            return authorization.equals("TC3-HMAC-SHA256 Credential=AKIDtest/" + date
                    + "/sms/tc3_request, SignedHeaders=content-type;host, Signature=" + signature)
                    && "SendSms".equals(headers.get("X-TC-Action")) && "2021-01-11".equals(headers.get("X-TC-Version"));
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // the client timed out
        }
    }

    // ---- configuration ----

    private String url(String api) {
        return "http://localhost:" + server.getAddress().getPort() + "/" + api + "/";
    }

    NotificationProperties.Provider aliyun(String name, String secret) {
        return new NotificationProperties.Provider(name, url("alibaba"), null, null, Duration.ofMillis(800), 4, 50, 10, 5,
                null, "alibaba", new NotificationProperties.Cloud("LTAItest", secret, "经销商", null, null,
                        Map.of("maintenance-due", "SMS_1001", "campaign-invitation", "SMS_1002",
                                "maintenance-due-en", "SMS_1003"), "callback-secret-aliyun-0123456789"));
    }

    NotificationProperties.Provider tencentCloud(String name, String secret) {
        return new NotificationProperties.Provider(name, url("tencent"), null, null, Duration.ofMillis(800), 4, 50, 10, 5,
                null, "tencent", new NotificationProperties.Cloud("AKIDtest", secret, "经销商", null, "1400006666",
                        Map.of("maintenance-due", "449739", "campaign-invitation", "449740"),
                        "callback-secret-tencent-0123456789"));
    }

    static SmsProviders providers(NotificationProperties.Provider... providers) {
        NotificationProperties properties = new NotificationProperties(null, null, null,
                new NotificationProperties.Sms("经销商", List.of(providers)), null, null, Map.of(), null);
        return new SmsProviders(properties, JSON, new SimpleMeterRegistry());
    }

    static SmsMessage reminder(String to) {
        return new SmsMessage(to, "【经销商】尊敬的王伟，您的爱车帕萨特将于2027年11月20日到期保养……回TD退订", Purpose.MAINTENANCE_DUE,
                "zh-CN", VARIABLES);
    }

    // ---- Alibaba ----

    @Test
    @DisplayName("ECO-1 Alibaba SendSms: a correctly signed form POST with the purpose's template code, the variables by name, the sign name and our reference as OutId; BizId is the message id")
    void alibabaAccepted() {
        SmsProviders sms = providers(aliyun("sms-aliyun", ALI_SECRET));
        SmsProviders.Accepted accepted = sms.send(reminder("13812345678"), "maintenance-due:VIN1:2027-11-20", null);
        assertThat(accepted).isEqualTo(new SmsProviders.Accepted("sms-aliyun", "900619746936498440^0"));
        Call call = calls.peek();
        assertThat(call.signatureValid()).isTrue();
        assertThat(call.form()).containsEntry("Action", "SendSms").containsEntry("Version", "2017-05-25")
                .containsEntry("PhoneNumbers", "13812345678").containsEntry("SignName", "经销商")
                .containsEntry("TemplateCode", "SMS_1001").containsEntry("OutId", "maintenance-due:VIN1:2027-11-20")
                .containsEntry("AccessKeyId", "LTAItest").containsEntry("SignatureMethod", "HMAC-SHA1");
        JsonNode param = JSON.readTree(call.form().get("TemplateParam"));
        assertThat(param.get("name").asString()).isEqualTo("王伟");
        assertThat(param.get("dueDate").asString()).isEqualTo("2027年11月20日");
        assertThat(List.copyOf(param.propertyNames())).containsExactly("name", "model", "dueDate", "branch", "phone");
    }

    @Test
    @DisplayName("ECO-1 Alibaba: an English-speaking customer gets the '-en' template code where one is configured")
    void alibabaEnglishTemplate() {
        SmsProviders sms = providers(aliyun("sms-aliyun", ALI_SECRET));
        sms.send(new SmsMessage("13812345678", "text", Purpose.MAINTENANCE_DUE, "en", VARIABLES), "ref-en", null);
        assertThat(calls.peek().form()).containsEntry("TemplateCode", "SMS_1003");
    }

    @Test
    @DisplayName("ECO-1 NOT-5 Alibaba refusing the number (isv.MOBILE_NUMBER_ILLEGAL) is a definite refusal: SMS fails over to another channel, the next provider is not asked")
    void alibabaRefusal() {
        alibaba = call -> Answer.of(200, "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"非法手机号\",\"RequestId\":\"r\"}");
        SmsProviders sms = providers(aliyun("sms-aliyun", ALI_SECRET), tencentCloud("sms-tencent", TC_SECRET));
        assertThatThrownBy(() -> sms.send(reminder("1381234"), "ref-1", null))
                .isInstanceOfSatisfying(SmsSendFailure.class, f -> assertThat(f.kind()).isEqualTo(SmsSendFailure.Kind.REJECTED));
        assertThat(calls).extracting(Call::api).containsExactly("alibaba");
    }

    @Test
    @DisplayName("ECO-1 NOT-5 Alibaba throttling, a 5xx or a wrong AccessKeySecret mean it did not take the message: the next provider (Tencent) sends it")
    void alibabaFailsOver() {
        List<String> outcomes = new ArrayList<>();
        for (Answer answer : List.of(Answer.of(400, "{\"Code\":\"Throttling.User\",\"Message\":\"Request was denied due to user flow control.\"}"),
                Answer.of(503, "{\"Code\":\"ServiceUnavailable\",\"Message\":\"busy\"}"),
                Answer.of(200, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"触发分钟级流控\"}"))) {
            alibaba = call -> answer;
            SmsProviders sms = providers(aliyun("sms-aliyun", ALI_SECRET), tencentCloud("sms-tencent", TC_SECRET));
            outcomes.add(sms.send(reminder("13812345678"), "ref-2", null).provider());
        }
        SmsProviders wrongKey = providers(aliyun("sms-aliyun", "not-the-secret"), tencentCloud("sms-tencent", TC_SECRET));
        outcomes.add(wrongKey.send(reminder("13812345678"), "ref-3", null).provider());
        assertThat(outcomes).containsOnly("sms-tencent").hasSize(4);
        assertThat(calls.stream().filter(c -> c.api().equals("alibaba")).map(Call::signatureValid).toList())
                .containsExactly(true, true, true, false);
    }

    @Test
    @DisplayName("ECO-1 NOT-5 Alibaba not answering in time is Unanswered: the attempt ends there and the retry goes to the same provider")
    void alibabaUnanswered() {
        alibaba = call -> new Answer(200, "{\"Code\":\"OK\",\"BizId\":\"late\"}", 2_000);
        SmsProviders sms = providers(aliyun("sms-aliyun", ALI_SECRET), tencentCloud("sms-tencent", TC_SECRET));
        assertThatThrownBy(() -> sms.send(reminder("13812345678"), "ref-4", null))
                .isInstanceOfSatisfying(SmsSendFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(SmsSendFailure.Kind.TRANSIENT);
                    assertThat(f.unansweredBy()).isEqualTo("sms-aliyun");
                });
        assertThat(calls).extracting(Call::api).containsExactly("alibaba");
    }

    // ---- Tencent ----

    @Test
    @DisplayName("ECO-1 Tencent SendSms 2021-01-11: a TC3-HMAC-SHA256-signed JSON POST with the template id, the variables in template order, the number in E.164 and our reference as SessionContext; SerialNo is the message id")
    void tencentAccepted() {
        SmsProviders sms = providers(tencentCloud("sms-tencent", TC_SECRET));
        SmsProviders.Accepted accepted = sms.send(reminder("13812345678"), "maintenance-due:VIN1:2027-11-20", null);
        assertThat(accepted).isEqualTo(new SmsProviders.Accepted("sms-tencent", "5000:1045710669157053657849499619"));
        Call call = calls.peek();
        assertThat(call.signatureValid()).isTrue();
        assertThat(call.json().get("PhoneNumberSet").get(0).asString()).isEqualTo("+8613812345678");
        assertThat(call.json().get("TemplateId").asString()).isEqualTo("449739");
        assertThat(call.json().get("SmsSdkAppId").asString()).isEqualTo("1400006666");
        assertThat(call.json().get("SignName").asString()).isEqualTo("经销商");
        assertThat(call.json().get("SessionContext").asString()).isEqualTo("maintenance-due:VIN1:2027-11-20");
        List<String> params = new ArrayList<>();
        call.json().get("TemplateParamSet").forEach(p -> params.add(p.asString()));
        assertThat(params).containsExactly("王伟", "帕萨特", "2027年11月20日", "南京江宁店", "025-8888-0001");
        assertThat(call.headers()).containsEntry("X-TC-Region", "ap-guangzhou");
    }

    @Test
    @DisplayName("ECO-1 NOT-5 Tencent: an incorrect number is a definite refusal; a request error (wrong SecretKey), a per-number limit or a 5xx is not, and the next provider sends it")
    void tencentOutcomes() {
        tencent = call -> Answer.of(200, "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"\",\"PhoneNumber\":\"+861381234\",\"Code\":\"InvalidParameterValue.IncorrectPhoneNumber\",\"Message\":\"incorrect number\"}],\"RequestId\":\"r\"}}");
        assertThatThrownBy(() -> providers(tencentCloud("sms-tencent", TC_SECRET), aliyun("sms-aliyun", ALI_SECRET))
                .send(reminder("1381234"), "ref-5", null))
                .isInstanceOfSatisfying(SmsSendFailure.class, f -> assertThat(f.kind()).isEqualTo(SmsSendFailure.Kind.REJECTED));
        assertThat(calls).extracting(Call::api).containsExactly("tencent");

        List<String> outcomes = new ArrayList<>();
        for (Answer answer : List.of(
                Answer.of(200, "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"\",\"Code\":\"LimitExceeded.PhoneNumberDailyLimit\",\"Message\":\"daily limit\"}],\"RequestId\":\"r\"}}"),
                Answer.of(200, "{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\",\"Message\":\"too many\"},\"RequestId\":\"r\"}}"),
                Answer.of(502, "bad gateway"))) {
            tencent = call -> answer;
            outcomes.add(providers(tencentCloud("sms-tencent", TC_SECRET), aliyun("sms-aliyun", ALI_SECRET))
                    .send(reminder("13812345678"), "ref-6", null).provider());
        }
        outcomes.add(providers(tencentCloud("sms-tencent", "wrong-key"), aliyun("sms-aliyun", ALI_SECRET))
                .send(reminder("13812345678"), "ref-7", null).provider());
        assertThat(outcomes).containsOnly("sms-aliyun").hasSize(4);
    }

    @Test
    @DisplayName("ECO-1 NOT-5 Tencent not answering in time is Unanswered for that provider alone")
    void tencentUnanswered() {
        tencent = call -> new Answer(200, "{}", 2_000);
        assertThatThrownBy(() -> providers(tencentCloud("sms-tencent", TC_SECRET), aliyun("sms-aliyun", ALI_SECRET))
                .send(reminder("13812345678"), "ref-8", null))
                .isInstanceOfSatisfying(SmsSendFailure.class, f -> assertThat(f.unansweredBy()).isEqualTo("sms-tencent"));
        assertThat(calls).extracting(Call::api).containsExactly("tencent");
    }

    // ---- templates and configuration ----

    @Test
    @DisplayName("ECO-1 a template provider without a template for the purpose is passed over; if no provider can send it, SMS is refused (another channel takes over) without a call")
    void noTemplate() {
        SmsMessage other = new SmsMessage("13812345678", "text", Purpose.OTHER, "zh-CN", Map.of());
        assertThatThrownBy(() -> providers(aliyun("sms-aliyun", ALI_SECRET), tencentCloud("sms-tencent", TC_SECRET))
                .send(other, "ref-9", null))
                .isInstanceOfSatisfying(SmsSendFailure.class, f -> assertThat(f.kind()).isEqualTo(SmsSendFailure.Kind.REJECTED));
        assertThat(calls).isEmpty();
    }

    @Test
    @DisplayName("ECO-1 a cloud provider without its keys from the environment refuses to start (no defaults)")
    void keysRequired() {
        assertThatThrownBy(() -> providers(new NotificationProperties.Provider("sms-aliyun", null, null, null, null, 4,
                50, 10, 5, null, "alibaba", new NotificationProperties.Cloud("", "", "经销商", null, null, Map.of(), null))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("access-key-id");
        assertThatThrownBy(() -> new NotificationProperties.Provider("x", null, null, null, null, 4, 50, 10, 5, null,
                "carrier-pigeon", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
