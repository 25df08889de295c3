package org.dealerplatform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;

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

    protected static final String PREFERENCES = "dealer.customers.ContactPreferencesChanged.v1";
    protected static final String ERASED = "dealer.customers.CustomerErased.v1";

    /**
     * Hands {@code poll} to the service's listener as Kafka delivers one poll (its {@code applyAll}); a failure names
     * the record by its index in the poll (the error handler's {@code BatchListenerFailedException}). A list of one is
     * the one-at-a-time path.
     */
    protected abstract void applyPoll(List<PollEvent> poll);

    @Test
    @DisplayName("issue 10 CUS-7 SEC-9 REL-1 a poll applied together leaves the replica exactly as its events applied one at a time: a customer twice, older versions, an erasure, an invalid record")
    public void pollEqualsOneAtATime() {
        Map<String, String> one = customers();
        Map<String, String> poll = customers();
        before(one).forEach(e -> applyPoll(List.of(e)));
        before(poll).forEach(e -> applyPoll(List.of(e)));

        List<PollEvent> oneEvents = events(one);
        List<Integer> failedOne = new ArrayList<>();
        for (int i = 0; i < oneEvents.size(); i++) {
            try {
                applyPoll(List.of(oneEvents.get(i)));
            } catch (RuntimeException e) {
                failedOne.add(i);
            }
        }
        // as the error handler does: the records before the failed one are committed, the failed one is
        // dead-lettered (a permanent error), the rest comes again in the next poll
        List<PollEvent> pollEvents = events(poll);
        List<Integer> failedPoll = new ArrayList<>();
        int from = 0;
        while (from < pollEvents.size()) {
            try {
                applyPoll(pollEvents.subList(from, pollEvents.size()));
                from = pollEvents.size();
            } catch (BatchListenerFailedException e) {
                failedPoll.add(from + e.getIndex());
                from += e.getIndex() + 1;
            }
        }

        assertThat(failedOne).as("the invalid record alone fails").containsExactly(INVALID);
        assertThat(failedPoll).as("the poll names the same record").isEqualTo(failedOne);
        for (String customer : List.of("a", "b", "c", "e", "f")) {
            Document expected = withoutRevision(replica(one.get(customer)));
            assertThat(withoutRevision(replica(poll.get(customer)))).as("customer " + customer).isEqualTo(expected);
        }
        // the rules themselves, not only the sameness
        assertThat(replica(one.get("a")).getString("name")).isEqualTo("王伟二");
        assertThat(replica(one.get("b")).getString("name")).isEqualTo("王伟三");
        assertThat(replica(one.get("c"))).containsEntry("erased", true).doesNotContainKeys("name", "mobile");
        assertThat(replica(one.get("f"))).containsEntry("erased", true).doesNotContainKeys("name", "mobile");
        assertThat(replica(one.get("d"))).as("the invalid record wrote nothing").isNull();
        // the poll's first run took the bulk: customer a, changed by four of its events, was written once
        assertThat(((Number) replica(poll.get("a")).get("rev")).longValue()).isEqualTo(1);
        assertThat(((Number) replica(one.get("a")).get("rev")).longValue()).isGreaterThan(1);
    }

    /** Index in {@link #events} of the registration without a customer id. */
    private static final int INVALID = 10;

    private static Map<String, String> customers() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String customer : List.of("a", "b", "c", "d", "e", "f")) {
            ids.put(customer, UUID.randomUUID().toString());
        }
        return ids;
    }

    /** Before the poll: customer f registered and erased. */
    private List<PollEvent> before(Map<String, String> ids) {
        List<PollEvent> events = new ArrayList<>();
        events.add(event(REGISTERED, ids.get("f"), 1, Map.of(), events.size()));
        events.add(event(ERASED, ids.get("f"), 2, Map.of(), events.size()));
        return events;
    }

    private List<PollEvent> events(Map<String, String> ids) {
        List<PollEvent> events = new ArrayList<>();
        long base = 100;
        events.add(event(REGISTERED, ids.get("a"), 1, Map.of(), base + events.size()));
        events.add(event(PREFERENCES, ids.get("a"), 1, Map.of(), base + events.size()));
        events.add(event(REGISTERED, ids.get("b"), 2, Map.of("王伟", "王伟二"), base + events.size()));
        events.add(event(REGISTERED, ids.get("a"), 2, Map.of("王伟", "王伟二"), base + events.size()));
        events.add(event(PREFERENCES, ids.get("a"), 2, Map.of("\"LETTER\": false", "\"LETTER\": true"), base + events.size()));
        events.add(event(REGISTERED, ids.get("b"), 1, Map.of("王伟", "旧名字"), base + events.size()));
        events.add(event(REGISTERED, ids.get("a"), 2, Map.of("王伟", "重复"), base + events.size()));
        events.add(event(REGISTERED, ids.get("c"), 1, Map.of(), base + events.size()));
        events.add(event(ERASED, ids.get("c"), 2, Map.of(), base + events.size()));
        events.add(event(REGISTERED, ids.get("c"), 3, Map.of("王伟", "回来了"), base + events.size()));
        events.add(event(REGISTERED, ids.get("d"), 1, Map.of("\"customerId\": \"" + EXAMPLE_ID, "\"customerId\": \" "),
                base + events.size()));
        events.add(event(REGISTERED, ids.get("e"), 1, Map.of(), base + events.size()));
        events.add(event(REGISTERED, ids.get("f"), 5, Map.of("王伟", "回来了"), base + events.size()));
        events.add(event(REGISTERED, ids.get("b"), 3, Map.of("王伟", "王伟三"), base + events.size()));
        return events;
    }

    private PollEvent event(String type, String id, long version, Map<String, String> replacements, long offset) {
        return PollEvent.example(type, id, version, replacements, topic, offset);
    }

    private static Document withoutRevision(Document replica) {
        assertThat(replica).isNotNull();
        Document copy = new Document(replica);
        copy.remove("_id");
        copy.remove("rev");
        return copy;
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
