package org.dealerplatform.notification.outbound.delivery;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dealerplatform.notification.NotificationProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tencent Cloud SMS (ECO-1): {@code SendSms} of API 2021-01-11, a JSON POST signed with TC3-HMAC-SHA256
 * ({@link TencentSignature}). It sends only an approved template: {@code TemplateId} per purpose,
 * {@code TemplateParamSet} = the message's variables in template order ({1}, {2}, ...), {@code SignName},
 * {@code SmsSdkAppId}; {@code SessionContext} = our reference; the number in E.164 ({@code +86...}).
 * <p>
 * Answers (NOT-5, as for the generic provider): {@code SendStatusSet[0].Code = Ok} accepted ({@code SerialNo} is the
 * message id, which the delivery receipt carries as {@code sid}); a code that refuses this message itself (invalid
 * number, template parameter format or length, blacklisted number, sensitive words) {@link SmsProvider.Rejected};
 * anything else ({@code Error} of the request: authentication, {@code RequestLimitExceeded}, internal errors; per-number
 * frequency limits, balance, unapproved sign or template; 5xx) {@link SmsProvider.Unreachable}. No answer in time is
 * {@link SmsProvider.Unanswered}. SendSms has no idempotency key: a retry after no answer may send a second SMS.
 */
final class TencentSms extends CloudSms {

    static final String DEFAULT_ENDPOINT = "https://sms.tencentcloudapi.com/";
    static final String API_VERSION = "2021-01-11";
    static final String SERVICE = "sms";

    /** Codes that refuse the message itself: no provider will send it as it is. */
    static final Set<String> REFUSALS = Set.of("InvalidParameterValue.IncorrectPhoneNumber",
            "InvalidParameterValue.TemplateParameterFormatError", "InvalidParameterValue.TemplateParameterLengthLimit",
            "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter", "InvalidParameterValue.ContentLengthLimit",
            "FailedOperation.PhoneNumberInBlacklist", "FailedOperation.ContainSensitiveWord",
            "UnsupportedOperation.UnsupportedRegion", "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber");

    private final String host;

    TencentSms(NotificationProperties.Provider settings, SmsHttp http, JsonMapper json) {
        super(settings, http, json, DEFAULT_ENDPOINT, "ap-guangzhou", REFUSALS);
        if (CloudTemplates.blank(account.sdkAppId())) {
            throw new IllegalStateException("SMS provider " + name + " (tencent) needs cloud.sdk-app-id");
        }
        // the Host header the JDK client sends: the port only when it is not the scheme's default
        this.host = endpoint.getHost() + (endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort());
    }

    /** A mainland number as E.164: {@code 13812345678} → {@code +8613812345678}; a {@code +} number stays. */
    static String e164(String to) {
        String trimmed = to.strip();
        if (trimmed.startsWith("+")) {
            return "+" + trimmed.substring(1).replaceAll("\\D", "");
        }
        String digits = trimmed.replaceAll("\\D", "");
        return digits.length() == 11 && digits.startsWith("1") ? "+86" + digits : "+" + digits;
    }

    String body(SmsMessage message, String reference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("PhoneNumberSet", List.of(e164(message.to())));
        body.put("SmsSdkAppId", account.sdkAppId());
        body.put("SignName", account.signName());
        body.put("TemplateId", templateCode(message));
        body.put("TemplateParamSet", List.copyOf(message.variables().values()));
        body.put("SessionContext", reference);
        return json.writeValueAsString(body);
    }

    @Override
    public String send(SmsMessage message, String reference) {
        String body = body(message, reference);
        long timestamp = System.currentTimeMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(http.timeout())
                .header("Authorization", TencentSignature.authorization(account.accessKeyId(),
                        account.accessKeySecret(), SERVICE, host, body, timestamp))
                .header("Content-Type", TencentSignature.CONTENT_TYPE)
                .header("X-TC-Action", "SendSms")
                .header("X-TC-Version", API_VERSION)
                .header("X-TC-Timestamp", String.valueOf(timestamp))
                .header("X-TC-Region", region)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.exchange(request);
        int status = response.statusCode();
        JsonNode answer = read(response.body());
        JsonNode result = answer == null ? null : answer.get("Response");
        if (status >= 500 || result == null) {
            if (status >= 200 && status < 300) {
                throw new SmsProvider.Unanswered(name + " answered HTTP " + status + " without a readable Response "
                        + "(it may have the message)", null);
            }
            throw new SmsProvider.Unreachable(name + " failed: HTTP " + status + " "
                    + SmsHttp.abbreviate(response.body()), null);
        }
        JsonNode error = result.get("Error");
        if (error != null && !error.isNull()) {
            throw failure(error.path("Code").asString(""), error.path("Message").asString(""), status);
        }
        JsonNode sent = result.path("SendStatusSet").path(0);
        String code = sent.path("Code").asString("");
        if ("Ok".equalsIgnoreCase(code)) {
            String serial = sent.path("SerialNo").asString(null);
            return serial == null || serial.isBlank() ? reference : serial;
        }
        throw failure(code, sent.path("Message").asString(""), status);
    }
}
