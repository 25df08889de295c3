package org.dealerplatform.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Issue 10: a customer's records found by {@code _id} through a {@link KeyedListing}, never by a scan. */
@ServiceTest
class KeyedListingTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    @DisplayName("issue 10 a listing finds the records of a value, leaves out and takes off the stale entries (record gone or moved)")
    void recordsOfAValue() {
        String records = "listed-" + UUID.randomUUID();
        KeyedListing listing = new KeyedListing(mongo, records, "customerId");
        listing.buildOnce(); // a new collection: marked built without a scan
        for (String id : List.of("r1", "r2", "r3", "r4")) {
            listing.announce("c1", id);
            mongo.insert(new Document("_id", id).append("customerId", "c1").append("n", id), records);
        }
        listing.announceAll(Map.of("c2", List.of("r5")));
        mongo.insert(new Document("_id", "r5").append("customerId", "c2"), records);
        listing.announce("c1", "r6"); // announced, never written (a crash between the two)

        // r2 moves to c2 (announced there first, as a store does), r3 is deleted
        listing.announce("c2", "r2");
        mongo.updateFirst(Query.query(Criteria.where("_id").is("r2")), new Update().set("customerId", "c2"), records);
        mongo.remove(Query.query(Criteria.where("_id").is("r3")), records);

        assertThat(listing.recordsOf("c1")).extracting(d -> d.getString("_id")).containsExactly("r1", "r4");
        assertThat(listing.idsOf("c1")).as("stale entries taken off").containsExactly("r1", "r4");
        assertThat(listing.recordsOf("c2")).extracting(d -> d.getString("_id")).containsExactly("r5", "r2");
        assertThat(listing.recordsOf("nobody")).isEmpty();
        assertThat(listing.recordsOf("c1").get(0)).containsEntry("n", "r1"); // whole records
    }

    @Test
    @DisplayName("issue 10 a database from before the listing is listed once by a scan; a listing marked built is not rebuilt")
    void buildsOnceForRecordsWrittenBeforeIt() {
        String records = "legacy-" + UUID.randomUUID();
        mongo.insert(List.of(new Document("_id", "a").append("customerId", "c1"),
                new Document("_id", "b").append("customerId", "c1"), new Document("_id", "c").append("customerId", "c2"),
                new Document("_id", "d")), records);
        KeyedListing listing = new KeyedListing(mongo, records, "customerId");
        assertThat(listing.recordsOf("c1")).as("not listed yet").isEmpty();

        listing.buildOnce();
        assertThat(listing.recordsOf("c1")).extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("a", "b");
        assertThat(listing.recordsOf("c2")).extracting(d -> d.getString("_id")).containsExactly("c");

        mongo.insert(new Document("_id", "e").append("customerId", "c1"), records); // written without announcing
        new KeyedListing(mongo, records, "customerId").buildOnce(); // a restart: built already, no second scan
        assertThat(listing.idsOf("c1")).containsExactlyInAnyOrder("a", "b");
        assertThat(listing.collection()).isEqualTo(records + "_by_customerId");
    }
}
