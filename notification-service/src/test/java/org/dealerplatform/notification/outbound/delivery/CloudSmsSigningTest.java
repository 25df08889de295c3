package org.dealerplatform.notification.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The request signatures of the cloud SMS adapters against the providers' published examples (ECO-1). */
class CloudSmsSigningTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode vectors(String file) throws IOException {
        try (InputStream in = CloudSmsSigningTest.class.getResourceAsStream("/sms-signing/" + file)) {
            return JSON.readTree(in);
        }
    }

    @Test
    @DisplayName("ECO-1 Alibaba Cloud RPC signature v1 (HMAC-SHA1) reproduces the documented StringToSign and Signature of SendSms and DescribeRegions")
    void alibabaPublishedExamples() throws IOException {
        JsonNode vectors = vectors("alibaba-rpc-v1.json").get("vectors");
        assertThat(vectors.size()).isEqualTo(2);
        for (JsonNode vector : vectors) {
            Map<String, String> parameters = new LinkedHashMap<>();
            vector.get("parameters").properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asString()));
            String method = vector.get("method").asString();
            assertThat(AlibabaSignature.stringToSign(method, parameters)).as(vector.get("name").asString())
                    .isEqualTo(vector.get("stringToSign").asString());
            assertThat(AlibabaSignature.sign(method, parameters, vector.get("accessKeySecret").asString()))
                    .as(vector.get("name").asString()).isEqualTo(vector.get("signature").asString());
            // the method is signed: the POST the adapter sends has another signature
            assertThat(AlibabaSignature.sign("POST", parameters, vector.get("accessKeySecret").asString()))
                    .isNotEqualTo(vector.get("signature").asString());
        }
    }

    @Test
    @DisplayName("ECO-1 Alibaba percent-encoding is RFC 3986 (space %20, * %2A, ~ kept), not form encoding")
    void alibabaPercentEncoding() {
        assertThat(AlibabaSignature.percentEncode("a b*c~d+é")).isEqualTo("a%20b%2Ac~d%2B%C3%A9");
    }

    @Test
    @DisplayName("ECO-1 Tencent Cloud TC3-HMAC-SHA256 reproduces every step of the documented example: payload hash, canonical request, string to sign, signature")
    void tencentPublishedExample() throws IOException {
        JsonNode v = vectors("tencent-tc3.json");
        String payload = v.get("payload").asString();
        long timestamp = v.get("timestamp").asLong();
        String service = v.get("service").asString();
        assertThat(TencentSignature.sha256Hex(payload)).isEqualTo(v.get("hashedRequestPayload").asString());
        String canonical = TencentSignature.canonicalRequest(v.get("contentType").asString(), v.get("host").asString(),
                payload);
        assertThat(canonical).isEqualTo(v.get("canonicalRequest").asString());
        assertThat(TencentSignature.sha256Hex(canonical)).isEqualTo(v.get("hashedCanonicalRequest").asString());
        String stringToSign = TencentSignature.stringToSign(timestamp, service, canonical);
        assertThat(stringToSign).isEqualTo(v.get("stringToSign").asString());
        assertThat(TencentSignature.signature(v.get("secretKey").asString(), timestamp, service, stringToSign))
                .isEqualTo(v.get("signature").asString());
        assertThat(TencentSignature.authorization("AKIDEXAMPLE", v.get("secretKey").asString(), service,
                v.get("host").asString(), payload, timestamp))
                .isEqualTo("TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature="
                        + v.get("signature").asString());
    }

    @Test
    @DisplayName("ECO-1 the TC3 date is the UTC day of the timestamp (00:44 in Shanghai on 26 Feb is still 25 Feb)")
    void tencentUtcDate() {
        assertThat(TencentSignature.date(1551113065L)).isEqualTo("2019-02-25");
    }
}
