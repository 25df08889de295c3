package org.dealerplatform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * CUS-7, one fixture for every service that keeps a replica of customer files from customer-service's events
 * (sales and after-sales {@code CustomerReplica}, notification {@code ContactDirectory}): the replica is built from the
 * contract example of {@code CustomerRegistered}, and only a newer version of the customer changes it. A service's test
 * names its topic and collection, checks the fields only it keeps ({@link #keepsServiceFields}) and may add tests with
 * {@link #publish} and {@link #awaitReplica}.
 */
public abstract class CustomerReplicaContract {

    protected static final String REGISTERED = "dealer.customers.CustomerRegistered.v1";
    protected static final String EXAMPLE_ID = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b";
    protected static final String BRANCH = "JS-NJ-01";

    @Autowired
    protected MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    protected String brokers;

    private final String topic;
    private final String collection;

    protected CustomerReplicaContract(String topic, String collection) {
        this.topic = topic;
        this.collection = collection;
    }

    /** The fields of the contract example that this service's replica keeps beside branch, name and mobile. */
    protected abstract void keepsServiceFields(Document replica);

    @Test
    @DisplayName("CUS-7 the local customer replica is built from the contract example of CustomerRegistered")
    public void buildsReplicaFromEvent() {
        String id = UUID.randomUUID().toString();
        publish(REGISTERED, id, 1, Map.of(EXAMPLE_ID, id));

        Document replica = awaitReplica(id, d -> d != null);
        assertThat(replica.getString("branchId")).isEqualTo(BRANCH);
        assertThat(replica.getString("name")).isEqualTo("王伟");
        assertThat(replica.getString("mobile")).isEqualTo("13812345678");
        keepsServiceFields(replica);
    }

    @Test
    @DisplayName("CUS-7 a redelivered or older event changes nothing; a newer version of the customer applies")
    public void appliesOnlyNewerVersions() {
        String id = UUID.randomUUID().toString();
        publish(REGISTERED, id, 2, Map.of(EXAMPLE_ID, id));
        awaitReplica(id, d -> d != null);

        publish(REGISTERED, id, 1, Map.of(EXAMPLE_ID, id, "王伟", "旧名字"));
        publish(REGISTERED, id, 2, Map.of(EXAMPLE_ID, id, "王伟", "重复"));
        publish(REGISTERED, id, 3, Map.of(EXAMPLE_ID, id, "王伟", "王伟伟"));

        awaitReplica(id, d -> d != null && "王伟伟".equals(d.getString("name")));
        assertThat(replica(id).get("version", Number.class).longValue()).isEqualTo(3);
    }

    /** Publishes the contract example of {@code type} for customer {@code id} at {@code version}, with replacements. */
    protected void publish(String type, String id, long version, Map<String, String> replacements) {
        TestEvents.publishExample(brokers, topic, type, id, version, BRANCH, replacements);
    }

    /** The replica of customer {@code id} once it satisfies {@code until} (20 s at most). */
    protected Document awaitReplica(String id, Predicate<Document> until) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> replica(id), until::test);
    }

    protected Document replica(String id) {
        return mongo.findById(id, Document.class, collection);
    }
}
