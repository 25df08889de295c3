package org.dealerplatform.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.dealerplatform.platform.testapp.Ticket;
import org.dealerplatform.platform.testapp.TicketStore;
import org.dealerplatform.test.ServiceTest;
import org.dealerplatform.test.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

@ServiceTest
class OutboxTest {

    @Autowired
    TicketStore tickets;
    @Autowired
    MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    @DisplayName("saving an aggregate publishes its event as a CloudEvent keyed by the aggregate id, then removes it from the document")
    void publishesCommittedEventAndRemovesIt() {
        String id = UUID.randomUUID().toString();
        try (TopicProbe probe = new TopicProbe(brokers, TicketStore.TOPIC)) {
            tickets.insert(Ticket.open(id, "JS-NJ-01", "first"));

            List<ConsumerRecord<String, byte[]>> records = probe.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(15));
            assertThat(records).hasSize(1);
            ConsumerRecord<String, byte[]> record = records.get(0);
            assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("dealer.test.TicketOpened.v1");
            assertThat(TopicProbe.header(record, "ce_source")).isEqualTo("/platform-test");
            assertThat(TopicProbe.header(record, "ce_subject")).isEqualTo(id);
            assertThat(TopicProbe.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicProbe.header(record, "ce_aggregateversion")).isEqualTo("1");
            assertThat(TopicProbe.header(record, "ce_branchid")).isEqualTo("JS-NJ-01");
            assertThat(TopicProbe.header(record, "ce_correlationid")).isNotBlank();
            assertThat(TopicProbe.header(record, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(TopicProbe.header(record, "ce_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(TopicProbe.value(record)).contains("\"ticketId\":\"" + id + "\"").contains("\"title\":\"first\"");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pending(id).isEmpty());
        Document stored = mongo.findById(id, Document.class, "tickets");
        assertThat(stored.get("version", Number.class).longValue()).isEqualTo(1);
        assertThat(stored.getString("title")).isEqualTo("first");
        assertThat(stored).doesNotContainKey("recordedEvents").doesNotContainKey("_class");
    }

    @Test
    @DisplayName("events of one aggregate arrive in the order they were committed, on one partition")
    void keepsPerAggregateOrder() {
        String id = UUID.randomUUID().toString();
        tickets.insert(Ticket.open(id, "JS-NJ-01", "v1"));
        for (int i = 2; i <= 5; i++) {
            Ticket loaded = tickets.findById(id).orElseThrow();
            loaded.rename("v" + i);
            tickets.update(loaded);
        }
        try (TopicProbe probe = new TopicProbe(brokers, TicketStore.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> records = probe.await(r -> id.equals(r.key()), 5, Duration.ofSeconds(15));
            assertThat(records).extracting(r -> TopicProbe.header(r, "ce_aggregateversion"))
                    .containsExactly("1", "2", "3", "4", "5");
            assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        }
    }

    @Test
    @DisplayName("a save based on a stale version is refused, and the event of the save that won is not lost")
    void staleSaveIsRefused() {
        String id = UUID.randomUUID().toString();
        tickets.insert(Ticket.open(id, "JS-NJ-01", "original"));
        Ticket first = tickets.findById(id).orElseThrow();
        Ticket second = tickets.findById(id).orElseThrow();
        first.rename("by first");
        tickets.update(first);
        second.rename("by second");

        assertThatThrownBy(() -> tickets.update(second)).isInstanceOf(ConcurrentModificationException.class);
        assertThat(tickets.findById(id).orElseThrow().title()).isEqualTo("by first");
        try (TopicProbe probe = new TopicProbe(brokers, TicketStore.TOPIC)) {
            assertThat(probe.await(r -> id.equals(r.key()), 2, Duration.ofSeconds(15)))
                    .extracting(TopicProbe::value).anyMatch(v -> v.contains("by first")).noneMatch(v -> v.contains("by second"));
        }
    }

    @Test
    @DisplayName("a field the aggregate cleared is removed in the same write; many aggregates insert in one bulk write")
    void clearedFieldsAndBulkInsert() {
        String id = UUID.randomUUID().toString();
        Ticket ticket = Ticket.open(id, "JS-NJ-01", "noted");
        ticket.annotate("call back");
        tickets.insert(ticket);
        assertThat(mongo.findById(id, Document.class, "tickets").getString("note")).isEqualTo("call back");
        Ticket loaded = tickets.findById(id).orElseThrow();
        loaded.annotate(null);
        tickets.update(loaded);
        assertThat(mongo.findById(id, Document.class, "tickets")).doesNotContainKey("note");

        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        AggregateStore.BulkResult result = tickets.insertAll(List.of(Ticket.open(a, "JS-NJ-01", "a"),
                Ticket.open(id, "JS-NJ-01", "duplicate id"), Ticket.open(b, "JS-NJ-01", "b")));
        assertThat(result.inserted()).containsExactly(a, b);
        assertThat(result.duplicates()).containsExactly(1);
        try (TopicProbe probe = new TopicProbe(brokers, TicketStore.TOPIC)) {
            assertThat(probe.await(r -> a.equals(r.key()) || b.equals(r.key()), 2, Duration.ofSeconds(15))).hasSize(2);
        }
    }

    @Test
    @DisplayName("a save never rewrites pendingEvents, so it cannot bring back an event the relay already removed")
    void saveDoesNotResurrectPublishedEvents() {
        String id = UUID.randomUUID().toString();
        tickets.insert(Ticket.open(id, "JS-NJ-01", "a"));
        Ticket loaded = tickets.findById(id).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> pending(id).isEmpty());
        loaded.rename("b");
        tickets.update(loaded);
        // the update pushed exactly one new event; the published TicketOpened did not come back
        Document raw = mongo.findById(id, Document.class, "tickets");
        List<Document> stillPending = raw.getList("pendingEvents", Document.class);
        assertThat(stillPending).allMatch(e -> e.getString("type").equals("dealer.test.TicketRenamed.v1"));
    }

    @Test
    @DisplayName("an event committed while no relay was told about it (a crash between commit and signal) is found by the poll through the hint announced before the commit")
    void pollFindsUnsignalledEvents() {
        String id = UUID.randomUUID().toString();
        tickets.insert(Ticket.open(id, "JS-NJ-01", "orphan"));
        await().atMost(Duration.ofSeconds(10)).until(() -> pending(id).isEmpty()
                && mongo.findById(OutboxHints.id("tickets", id), Document.class, OutboxHints.COLLECTION) == null);
        try (TopicProbe probe = new TopicProbe(brokers, TicketStore.TOPIC)) {
            // what a store does for version 2, without the in-memory signal its process would have sent had it lived
            new OutboxHints(mongo).announce("tickets", id, 2);
            Document orphan = new Document("id", UUID.randomUUID().toString()).append("type", "dealer.test.TicketRenamed.v1")
                    .append("topic", TicketStore.TOPIC).append("subject", id).append("time", new java.util.Date())
                    .append("aggregateVersion", 2L).append("branchId", "JS-NJ-01")
                    .append("data", "{\"ticketId\":\"" + id + "\",\"title\":\"unsignalled\"}");
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                    new Update().set("title", "unsignalled").inc("version", 1).push("pendingEvents", orphan), "tickets");
            assertThat(probe.await(r -> id.equals(r.key()) && TopicProbe.value(r).contains("unsignalled"), 1,
                    Duration.ofSeconds(15))).hasSize(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pending(id).isEmpty()
                && mongo.findById(OutboxHints.id("tickets", id), Document.class, OutboxHints.COLLECTION) == null);
    }

    private List<Document> pending(String id) {
        Document raw = mongo.findById(id, Document.class, "tickets");
        List<Document> list = raw.getList("pendingEvents", Document.class);
        return list == null ? List.of() : list;
    }

    @Test
    @DisplayName("REL-5 AggregateStore.change re-applies a change to a fresh load when another instance saved first, and saves nothing when the change answers false")
    void changeRetriesOnConflict() {
        String id = UUID.randomUUID().toString();
        tickets.insert(Ticket.open(id, "JS-NJ-01", "original"));
        int[] calls = {0};
        boolean saved = tickets.change(id, ticket -> {
            if (calls[0]++ == 0) { // another instance saves between this load and this save
                Ticket other = tickets.findById(id).orElseThrow();
                other.annotate("by the other instance");
                tickets.update(other);
            }
            ticket.rename("by change");
            return true;
        });
        assertThat(saved).isTrue();
        assertThat(calls[0]).isEqualTo(2);
        Ticket after = tickets.findById(id).orElseThrow();
        assertThat(after.title()).isEqualTo("by change");
        assertThat(after.note()).isEqualTo("by the other instance");
        long version = after.version();

        assertThat(tickets.change(id, ticket -> false)).isFalse();
        assertThat(tickets.findById(id).orElseThrow().version()).isEqualTo(version);
        assertThat(tickets.change(UUID.randomUUID().toString(), ticket -> true)).isFalse();
    }

    @Test
    @DisplayName("REL-2 an aggregate keeps the marks of the last 20 applied events with its saves, so a redelivered event is recognised and an old mark ages out")
    void appliedMarksAreKeptAndBounded() {
        String id = UUID.randomUUID().toString();
        Ticket ticket = Ticket.open(id, "JS-NJ-01", "original");
        for (int i = 0; i <= AggregateRoot.APPLIED_MARKS_KEPT; i++) {
            ticket.markApplied("evt:" + i);
        }
        tickets.insert(ticket);
        Ticket loaded = tickets.findById(id).orElseThrow();
        assertThat(loaded.hasApplied("evt:" + AggregateRoot.APPLIED_MARKS_KEPT)).isTrue();
        assertThat(loaded.hasApplied("evt:1")).isTrue();
        assertThat(loaded.hasApplied("evt:0")).isFalse();
        assertThat(loaded.appliedMarks()).hasSize(AggregateRoot.APPLIED_MARKS_KEPT);
    }
}
