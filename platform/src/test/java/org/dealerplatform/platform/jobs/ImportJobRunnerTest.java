package org.dealerplatform.platform.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.test.EmbeddedMongo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ImportJobRunnerTest {

    private static final byte[] CSV = "mobile,name\n13800000000,王伟\n".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("SEC-3 CUS-8 with four imports under way a fifth answers 429 with Retry-After (as the API documents), and is taken once one is done")
    void busyRunnerAsksTheCallerToComeBack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ImportJobRunner.Importer blocking = (csv, job, caller, progress) -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ImportReport.of(job.dryRun(), 1, 1, 1, 0, List.of());
        };
        try (MongoClient client = MongoClients.create(EmbeddedMongo.uri("import-runner-test"));
                ImportJobRunner runner = new ImportJobRunner("test-import", blocking,
                        new ImportJobStore(new MongoTemplate(client, "import-runner-test"), Clock.systemUTC(), "import_jobs"),
                        Clock.systemUTC())) {
            Caller manager = new Caller("nj-manager", Set.of(Role.BRANCH_MANAGER), "JS-NJ-01");
            for (int i = 0; i < ImportJobRunner.MAX_WAITING; i++) {
                runner.submit(CSV, false, manager, null);
            }

            assertThatThrownBy(() -> runner.submit(CSV, false, manager, null))
                    .isInstanceOfSatisfying(ResponseStatusException.class, busy -> {
                        assertThat(busy.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                        assertThat(busy.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                                .isEqualTo(Integer.toString(ImportJobRunner.RETRY_AFTER_SECONDS));
                        assertThat(busy.getReason()).contains("4 imports are under way");
                    });

            release.countDown();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(runner.submit(CSV, false, manager, null).status()).isNotNull());
        }
    }
}
