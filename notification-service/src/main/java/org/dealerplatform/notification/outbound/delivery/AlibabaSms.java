package org.dealerplatform.notification.outbound.delivery;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.dealerplatform.notification.NotificationProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alibaba Cloud SMS (ECO-1): Dysmsapi {@code SendSms} (version 2017-05-25), an RPC-style API posted as a form with the
 * POP signature v1 ({@link AlibabaSignature}). It sends only an approved template: {@code TemplateCode} per purpose,
 * {@code TemplateParam} = the message's variables by name, {@code SignName}; {@code OutId} = our reference, which the
 * delivery receipt carries back.
 * <p>
 * Answers (NOT-5, as for the generic provider): {@code Code=OK} accepted ({@code BizId} is the message id); a code that
 * refuses this message itself (invalid number, bad template parameters, blacklisted content) {@link SmsProvider.Rejected}
 * (another channel takes over); anything else (throttling, 5xx, account or credential problems, unknown codes)
 * {@link SmsProvider.Unreachable}: this provider did not take the message, the next one may. No answer in time is
 * {@link SmsProvider.Unanswered}. SendSms has no idempotency key: a retry after no answer may send a second SMS.
 */
final class AlibabaSms extends CloudSms {

    static final String DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com/";
    static final String API_VERSION = "2017-05-25";

    /** Codes that refuse the message itself: no provider will send it as it is. */
    static final Set<String> REFUSALS = Set.of("isv.MOBILE_NUMBER_ILLEGAL", "isv.MOBILE_COUNT_OVER_LIMIT",
            "isv.BLACK_KEY_CONTROL_LIMIT", "isv.PARAM_LENGTH_LIMIT", "isv.TEMPLATE_MISSING_PARAMETERS",
            "isv.TEMPLATE_PARAMS_ILLEGAL", "isv.INVALID_JSON_PARAM", "isv.INVALID_PARAMETERS",
            "isv.PARAM_NOT_SUPPORT_URL");

    AlibabaSms(NotificationProperties.Provider settings, SmsHttp http, JsonMapper json) {
        super(settings, http, json, DEFAULT_ENDPOINT, "cn-hangzhou", REFUSALS);
    }

    /** The signed form parameters of one SendSms call (package-visible for tests). */
    Map<String, String> parameters(SmsMessage message, String reference, Instant now, String nonce) {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("AccessKeyId", account.accessKeyId());
        parameters.put("Action", "SendSms");
        parameters.put("Format", "JSON");
        parameters.put("OutId", reference);
        parameters.put("PhoneNumbers", message.to());
        parameters.put("RegionId", region);
        parameters.put("SignName", account.signName());
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureNonce", nonce);
        parameters.put("SignatureVersion", "1.0");
        parameters.put("TemplateCode", templateCode(message));
        parameters.put("TemplateParam", json.writeValueAsString(message.variables()));
        parameters.put("Timestamp", now.truncatedTo(ChronoUnit.SECONDS).toString());
        parameters.put("Version", API_VERSION);
        return parameters;
    }

    @Override
    public String send(SmsMessage message, String reference) {
        Map<String, String> parameters = parameters(message, reference, Instant.now(), UUID.randomUUID().toString());
        String form = AlibabaSignature.canonicalQuery(parameters) + "&Signature="
                + AlibabaSignature.percentEncode(AlibabaSignature.sign("POST", parameters, account.accessKeySecret()));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(http.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = http.exchange(request);
        int status = response.statusCode();
        JsonNode answer = read(response.body());
        String code = answer == null ? null : answer.path("Code").asString(null);
        if (status >= 200 && status < 300 && "OK".equals(code)) {
            String bizId = answer.path("BizId").asString(null);
            return bizId == null || bizId.isBlank() ? reference : bizId;
        }
        String said = answer == null ? response.body() : answer.path("Message").asString("");
        if (code == null && status >= 200 && status < 300) {
            // an answer we cannot read: it may have taken the message
            throw new SmsProvider.Unanswered(detail(code, said, status) + " (unreadable answer; it may have the message)",
                    null);
        }
        throw failure(code, said, status);
    }
}
