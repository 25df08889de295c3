package org.dealerplatform.notification.outbound.delivery;

import java.net.URI;
import java.util.Set;

import org.dealerplatform.notification.NotificationProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Alibaba Cloud SMS and Tencent Cloud SMS have in common (ECO-1): the cloud account and its approved templates, the
 * endpoint (the configured base URL or the provider's own), the account's region or the provider's default, the JSON
 * answers read leniently, and the NOT-5 reading of a refusal code: one of the provider's {@code refusals} refuses the
 * message itself ({@link SmsProvider.Rejected}), any other leaves it for the next provider ({@link SmsProvider.Unreachable}).
 */
abstract class CloudSms implements SmsApi {

    protected final String name;
    protected final NotificationProperties.Cloud account;
    protected final URI endpoint;
    protected final String region;
    protected final SmsHttp http;
    protected final JsonMapper json;
    private final Set<String> refusals;

    CloudSms(NotificationProperties.Provider settings, SmsHttp http, JsonMapper json, String defaultEndpoint,
            String defaultRegion, Set<String> refusals) {
        this.name = settings.name();
        this.account = CloudTemplates.account(settings);
        this.endpoint = URI.create(CloudTemplates.endpoint(settings.baseUrl(), defaultEndpoint));
        this.region = CloudTemplates.blank(account.region()) ? defaultRegion : account.region();
        this.http = http;
        this.json = json;
        this.refusals = refusals;
    }

    @Override
    public boolean supports(SmsMessage message) {
        return templateCode(message) != null;
    }

    /** The approved template of the message's purpose, {@code null} for none. */
    protected String templateCode(SmsMessage message) {
        return CloudTemplates.templateCode(account.templates(), message);
    }

    /** The answer as a JSON object, {@code null} when it is empty, not JSON or not an object. */
    protected JsonNode read(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A refusal code with the provider's message: rejected when the code refuses the message itself, else unreachable. */
    protected RuntimeException failure(String code, String message, int status) {
        String detail = detail(code, message, status);
        return code != null && refusals.contains(code) ? new SmsProvider.Rejected(name + " refused the message: " + detail)
                : new SmsProvider.Unreachable(detail, null);
    }

    /** What the provider answered, for the failure's message. */
    protected String detail(String code, String message, int status) {
        return name + " answered HTTP " + status + " " + code + " " + SmsHttp.abbreviate(message);
    }
}
