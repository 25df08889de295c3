package org.dealerplatform.sales.benchmark;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dealerplatform.local.DurableH2Backend;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.sales.customer.application.CustomerReplica;
import org.dealerplatform.sales.customer.messaging.CustomerEventsListener;
import org.dealerplatform.sales.visit.persistence.VisitStore;
import org.dealerplatform.test.CustomerReplicaBenchmark;
import org.dealerplatform.test.PollEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10 benchmark (not a test): {@link CustomerReplicaBenchmark} for sales-service's customer replica on the local
 * runtime's embedded database as {@code run-local.sh} runs it ({@link DurableH2Backend}: BSON H2 on a file, committed
 * after every write command), where the per-event path pays a commit per write. The per-event half is slow there:
 * run it with fewer events.
 *
 * <p>Run: {@code mvn -o -pl sales-service -Pbenchmark test -Dtest=CustomerReplicaLocalDatabaseBenchmarkTest -Dbenchmark.events=2000 -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class CustomerReplicaLocalDatabaseBenchmarkTest extends CustomerReplicaBenchmark {

    @TempDir
    Path dir;
    MongoServer server;
    MongoClient client;
    CustomerEventsListener listener;

    CustomerReplicaLocalDatabaseBenchmarkTest() {
        super("sales-service", CustomerEventsListener.TOPIC, CustomerReplica.COLLECTION);
    }

    @BeforeEach
    void start() {
        server = new MongoServer(new DurableH2Backend(dir.resolve("bench.mv.db").toString(), true));
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "bench");
        listener = new CustomerEventsListener(
                new EventDispatcher(new EventReader(JsonMapper.builder().build()), new SimpleMeterRegistry()),
                new CustomerReplica(new IdempotentWrites(mongo), mongo, new VisitStore(mongo), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Override
    protected String database() {
        return "the local runtime's database (BSON H2 on a file, commit per write command)";
    }

    @Override
    protected void applyPoll(List<PollEvent> poll) {
        listener.applyAll(poll.stream().map(e -> new IncomingEvent(e.id(), e.type(), "/customer-service", e.subject(),
                Instant.now(), e.version(), "corr-" + e.id(), null, "JS-NJ-01", null, e.payload(), e.topic(), 0,
                e.offset())).toList());
    }
}
