package org.dealerplatform.notification.outbound.delivery;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** One HTTP exchange with a provider, with the NOT-5 reading of transport failures shared by every {@link SmsApi}. */
final class SmsHttp {

    private final String name;
    private final Duration timeout;
    private final HttpClient http;

    SmsHttp(String name, Duration timeout) {
        this.name = name;
        this.timeout = timeout;
        // providers speak HTTP/1.1; no h2c upgrade round trip per connection
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Sends; a connection that cannot be made is {@link SmsProvider.Unreachable} (the provider did not get the request),
     * a request sent but not answered in time is {@link SmsProvider.Unanswered} (it may have the message).
     */
    HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new SmsProvider.Unreachable(name + " unreachable: no connection within " + timeout.toMillis() + " ms", e);
        } catch (HttpTimeoutException e) {
            throw new SmsProvider.Unanswered(name + " did not answer within " + timeout.toMillis()
                    + " ms (it may have the message)", e);
        } catch (IOException e) {
            throw new SmsProvider.Unreachable(name + " unreachable: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsProvider.Unreachable(name + " call interrupted", e);
        }
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) : text;
    }
}
