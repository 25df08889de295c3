package org.dealerplatform.platform.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.dealerplatform.platform.catalogue.ModelRemap.Found;
import org.dealerplatform.platform.catalogue.ModelRemap.Outcome;
import org.dealerplatform.platform.web.ConflictException;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

@ServiceTest
class ModelRemapTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    @DisplayName("SAL-12 the remap job resumes a pass cut short from its checkpoint (each record once), lists unmapped spellings with counts, runs its completion step once per pass, starts a new pass after a complete one, and refuses a second run while one holds the lease (409)")
    void resumableIdempotentAndAlone() {
        String collection = "remap_" + UUID.randomUUID().toString().replace("-", "");
        String job = "test." + collection;
        List<Document> records = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            records.add(new Document("_id", String.format("r%05d", i)).append("model", i % 3 == 0 ? "nope" : "alias"));
        }
        mongo.insert(records, collection);
        ModelRemap remap = new ModelRemap(mongo, Clock.systemUTC());
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger completions = new AtomicInteger();
        ModelRemap.Remapper remapper = record -> {
            seen.incrementAndGet();
            String model = record.getString("model");
            if ("alias".equals(model)) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(record.get("_id"))), new Update().set("model", "id"),
                        collection);
                return List.of(new Found(model, Outcome.MAPPED));
            }
            return List.of(new Found(model, "id".equals(model) ? Outcome.CATALOGUE : Outcome.UNMAPPED));
        };

        ModelRemap.Report first = remap.run(job, collection, List.of("model"), 700, remapper, m -> completions.incrementAndGet());
        assertThat(first.complete()).isFalse();
        assertThat(first.records()).isEqualTo(700);
        assertThat(completions).hasValue(0);
        ModelRemap.Report rest = remap.run(job, collection, List.of("model"), 0, remapper, m -> completions.incrementAndGet());
        assertThat(rest.complete()).isTrue();
        assertThat(seen).as("each record once over the two calls").hasValue(1_200);
        assertThat(rest.records()).isEqualTo(1_200);
        assertThat(rest.mapped()).isEqualTo(800);
        assertThat(rest.unmapped()).isEqualTo(400);
        assertThat(rest.unmappedModels()).singleElement().satisfies(u -> {
            assertThat(u.model()).isEqualTo("nope");
            assertThat(u.count()).isEqualTo(400);
            assertThat(u.recordIds()).hasSize(5);
        });
        assertThat(completions).hasValue(1);

        ModelRemap.Report again = remap.run(job, collection, List.of("model"), 0, remapper, m -> completions.incrementAndGet());
        assertThat(again.mapped()).isZero();
        assertThat(again.alreadyCatalogue()).isEqualTo(800);
        assertThat(again.unmapped()).isEqualTo(400);
        assertThat(remap.last(job)).hasValueSatisfying(r -> assertThat(r.complete()).isTrue());

        mongo.updateFirst(Query.query(Criteria.where("_id").is(job)), new Update().set("lease", "another-run")
                .set("leaseUntil", Date.from(Instant.now().plusSeconds(60))), ModelRemap.COLLECTION);
        assertThatThrownBy(() -> remap.run(job, collection, List.of("model"), 0, remapper, m -> { }))
                .isInstanceOf(ConflictException.class);
        mongo.dropCollection(collection);
    }
}
