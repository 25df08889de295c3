package org.dealerplatform.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.bson.Document;
import org.dealerplatform.platform.testapp.Ticket;
import org.dealerplatform.platform.testapp.TicketEffects;
import org.dealerplatform.platform.testapp.TicketStore;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

@ServiceTest
class IdempotentConsumerTest {

    @Autowired
    IdempotentWrites writes;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    TicketStore tickets;

    @Test
    @DisplayName("a consumer that dies after its effect but before committing the offset gets the record again and applies it once")
    void redeliveryAfterCrashAppliesOnce() {
        String branch = "B-" + UUID.randomUUID();
        int before = TicketEffects.DELIVERIES.get();
        TicketEffects.FAIL_AFTER_EFFECT.set(2);
        String id = UUID.randomUUID().toString();
        tickets.insert(Ticket.open(id, branch, "redelivered"));

        await().atMost(Duration.ofSeconds(20)).until(() -> TicketEffects.FAIL_AFTER_EFFECT.get() == 0
                && TicketEffects.DELIVERIES.get() >= before + 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById(branch, Document.class, "ticket_counters") != null);
        assertThat(mongo.findById(branch, Document.class, "ticket_counters").getInteger("opened")).isEqualTo(1);
        assertThat(mongo.findById("welcome:" + id, Document.class, "ticket_welcomes")).isNotNull();
    }

    @Test
    @DisplayName("reason-keyed insert: the second insert with the same business reason does nothing")
    void reasonKeyInsertOnce() {
        String key = "maintenance-due:LSVAU2180N2183295:2026-12-01:" + UUID.randomUUID();
        assertThat(writes.insertOnce("reasons", new Document("_id", key).append("n", 1))).isTrue();
        assertThat(writes.insertOnce("reasons", new Document("_id", key).append("n", 2))).isFalse();
        assertThat(mongo.findById(key, Document.class, "reasons").getInteger("n")).isEqualTo(1);
    }

    @Test
    @DisplayName("applied-event guard: the same event id changes a document once, another event id changes it again")
    void appliedEventGuard() {
        String id = UUID.randomUUID().toString();
        assertThat(writes.applyOnce("guarded", id, "e1", new Update().inc("n", 1))).isTrue();
        assertThat(writes.applyOnce("guarded", id, "e1", new Update().inc("n", 1))).isFalse();
        assertThat(writes.applyOnce("guarded", id, "e2", new Update().inc("n", 1))).isTrue();
        assertThat(mongo.findById(id, Document.class, "guarded").getInteger("n")).isEqualTo(2);
    }

    @Test
    @DisplayName("per-partition high-water mark: an offset is applied once, a replayed one is refused, a newer one applies")
    void partitionHighWaterMark() {
        String id = "rollup-" + UUID.randomUUID();
        String mark = "offsets.sales_sale_events-1";
        assertThat(writes.applyIfNewer("rollups", id, mark, 10, new Update().inc("sales", 1))).isTrue();
        assertThat(writes.applyIfNewer("rollups", id, mark, 10, new Update().inc("sales", 1))).isFalse();
        assertThat(writes.applyIfNewer("rollups", id, mark, 9, new Update().inc("sales", 1))).isFalse();
        assertThat(writes.applyIfNewer("rollups", id, "offsets.sales_sale_events-2", 3, new Update().inc("sales", 1))).isTrue();
        assertThat(writes.applyIfNewer("rollups", id, mark, 11, new Update().inc("sales", 1))).isTrue();
        assertThat(mongo.findById(id, Document.class, "rollups").getInteger("sales")).isEqualTo(3);
    }
}
