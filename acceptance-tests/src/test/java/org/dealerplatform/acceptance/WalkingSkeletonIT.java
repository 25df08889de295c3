package org.dealerplatform.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dealerplatform.acceptance.PlatformFixture.find;
import static org.dealerplatform.acceptance.PlatformFixture.get;
import static org.dealerplatform.acceptance.PlatformFixture.json;
import static org.dealerplatform.acceptance.PlatformFixture.post;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;
import org.dealerplatform.local.RunningPlatform;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton through the gateway, on the platform as the README runs it: a branch registers a customer, the
 * event leaves through the outbox, and sales, after-sales and notifications each update their own replica.
 */
class WalkingSkeletonIT {

    @Test
    @DisplayName("GW-1 GW-2 CUS-1: a customer registered through the gateway reaches every replica; another branch gets 404, HQ sees it")
    void customerRegistrationReachesEveryReplica() {
        RunningPlatform platform = PlatformFixture.platform();
        String nanjing = platform.token("alice", "JS-NJ-01", "SALES");
        String mobile = "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));

        HttpResponse<String> created = post("/api/customers", nanjing, """
                {"name":"陈静","type":"INDIVIDUAL","mobile":"%s","email":"chen.jing@example.cn",
                 "address":"南京市玄武区北京东路9号","preferredLanguage":"zh-CN","firstVisitDate":"2026-11-20"}
                """.formatted(mobile));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-Correlation-Id")).isPresent();
        String id = json(created).path("id").asString();
        assertThat(json(created).path("branchId").asString()).isEqualTo("JS-NJ-01");

        assertThat(get("/api/customers/" + id, nanjing).statusCode()).isEqualTo(200);
        HttpResponse<String> foreign = get("/api/customers/" + id, platform.token("bob", "ZJ-HZ-01", "SALES"));
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        HttpResponse<String> hq = get("/api/customers/" + id, platform.token("boss", null, "HQ"));
        assertThat(hq.statusCode()).isEqualTo(200);
        assertThat(json(hq).path("mobile").asString()).isEqualTo(mobile);

        for (String[] replica : new String[][] {{"sales", "customers"}, {"aftersales", "customers"}, {"notifications", "contacts"}}) {
            Document copy = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> find(replica[0], replica[1], id), d -> d != null);
            assertThat(copy.getString("name")).as(replica[0]).isEqualTo("陈静");
            assertThat(copy.getString("branchId")).as(replica[0]).isEqualTo("JS-NJ-01");
        }
    }

    @Test
    @DisplayName("GW-2 GW-4: no token is a 401 problem at the gateway; invalid input is a 400 problem listing the fields")
    void errorsAreProblemDetails() {
        RunningPlatform platform = PlatformFixture.platform();
        HttpResponse<String> anonymous = get("/api/customers", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).path("status").asInt()).isEqualTo(401);

        HttpResponse<String> invalid = post("/api/customers", platform.token("alice", "JS-NJ-01", "SALES"),
                "{\"name\":\"\",\"mobile\":\"12345\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode errors = json(invalid).path("errors");
        assertThat(errors.findValuesAsString("field")).contains("name", "mobile");
    }
}
