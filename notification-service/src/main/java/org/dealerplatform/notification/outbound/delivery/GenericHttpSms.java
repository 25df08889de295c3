package org.dealerplatform.notification.outbound.delivery;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.dealerplatform.notification.NotificationProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generic provider API ({@code POST <base-url>/messages} with {@code {to, text, reference}} and the reference as
 * {@code Idempotency-Key}, answered {@code {messageId}}); the local simulator speaks it too. 2xx: accepted; 4xx but
 * 408/429: {@link SmsProvider.Rejected}; anything else: {@link SmsProvider.Unreachable}.
 */
final class GenericHttpSms implements SmsApi {

    private final String name;
    private final URI messages;
    private final String apiKey;
    private final SmsHttp http;
    private final JsonMapper json;

    GenericHttpSms(NotificationProperties.Provider settings, SmsHttp http, JsonMapper json) {
        this.name = settings.name();
        String base = settings.baseUrl().endsWith("/") ? settings.baseUrl() : settings.baseUrl() + "/";
        this.messages = URI.create(base).resolve("messages");
        this.apiKey = settings.apiKey();
        this.http = http;
        this.json = json;
    }

    @Override
    public String send(SmsMessage message, String reference) {
        String body = json.writeValueAsString(Map.of("to", message.to(), "text", message.text(), "reference", reference));
        HttpRequest.Builder request = HttpRequest.newBuilder(messages).timeout(http.timeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", reference)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response = http.exchange(request.build());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            JsonNode answer = json.readTree(response.body());
            JsonNode id = answer.get("messageId");
            return id == null || id.isNull() ? reference : id.asString();
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new SmsProvider.Rejected(name + " refused the message: HTTP " + status + " "
                    + SmsHttp.abbreviate(response.body()));
        }
        throw new SmsProvider.Unreachable(name + " failed: HTTP " + status, null);
    }
}
