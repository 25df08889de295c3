package org.dealerplatform.customer.classification.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.customer.classification.RuleVersion;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The class thresholds HQ entered (CUS-3), in collection {@code classification_thresholds} as one document
 * ({@code _id} = {@value #ID}) holding every entered rule version in entry order and a version number for optimistic
 * concurrency: an entry names the version it was based on, and a second HQ user entering from the same reading is
 * refused instead of silently overwriting the first. The last {@value #KEPT} entries are kept, so explanations of past
 * classifications (CUS-10) still find their rule.
 */
@Component
public class ClassThresholdStore {

    public static final String COLLECTION = "classification_thresholds";
    static final String ID = "group";
    static final int KEPT = 100;

    private final MongoTemplate mongo;

    public ClassThresholdStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One rule version as HQ entered it. */
    public record Entry(RuleVersion rule, String enteredBy, Instant enteredAt) {
    }

    /** Everything entered, oldest first, and the version the next entry must name. */
    public record Entered(long version, List<Entry> entries) {
    }

    public Optional<Entered> read() {
        Document d = mongo.findById(ID, Document.class, COLLECTION);
        if (d == null) {
            return Optional.empty();
        }
        return Optional.of(new Entered(d.get("version", Number.class).longValue(),
                d.getList("entries", Document.class).stream().map(ClassThresholdStore::entry).toList()));
    }

    /**
     * Appends {@code entry} if the stored version is still {@code expectedVersion} (0: nothing entered yet); otherwise
     * somebody entered thresholds in between and a {@link ConcurrentModificationException} (409) says so.
     */
    public long append(long expectedVersion, Entry entry) {
        if (expectedVersion == 0) {
            try {
                mongo.insert(new Document("_id", ID).append("version", 1L).append("entries", List.of(document(entry))),
                        COLLECTION);
                return 1;
            } catch (DuplicateKeyException alreadyEntered) {
                throw new ConcurrentModificationException(COLLECTION, ID, expectedVersion);
            }
        }
        Entered current = read().filter(e -> e.version() == expectedVersion)
                .orElseThrow(() -> new ConcurrentModificationException(COLLECTION, ID, expectedVersion));
        List<Document> entries = new ArrayList<>(current.entries().stream().map(ClassThresholdStore::document).toList());
        entries.add(document(entry));
        List<Document> kept = entries.subList(Math.max(0, entries.size() - KEPT), entries.size());
        long updated = mongo.updateFirst(Query.query(Criteria.where("_id").is(ID).and("version").is(expectedVersion)),
                new Update().set("entries", kept).set("version", expectedVersion + 1), COLLECTION).getMatchedCount();
        if (updated == 0) {
            throw new ConcurrentModificationException(COLLECTION, ID, expectedVersion);
        }
        return expectedVersion + 1;
    }

    private static Document document(Entry entry) {
        RuleVersion rule = entry.rule();
        return new Document("ruleVersion", rule.version()).append("effectiveFrom", rule.effectiveFrom().toString())
                .append("vip", threshold(rule.vip())).append("firstClass", threshold(rule.firstClass()))
                .append("secondClass", threshold(rule.secondClass())).append("enteredBy", entry.enteredBy())
                .append("enteredAt", Date.from(entry.enteredAt()));
    }

    private static Document threshold(RuleVersion.Threshold threshold) {
        return new Document("amountFen", threshold.amountFen()).append("vehicles", threshold.vehicles());
    }

    private static Entry entry(Document d) {
        return new Entry(new RuleVersion(d.getString("ruleVersion"), LocalDate.parse(d.getString("effectiveFrom")),
                threshold(d.get("vip", Document.class)), threshold(d.get("firstClass", Document.class)),
                threshold(d.get("secondClass", Document.class))), d.getString("enteredBy"),
                d.getDate("enteredAt").toInstant());
    }

    private static RuleVersion.Threshold threshold(Document d) {
        return new RuleVersion.Threshold(d.get("amountFen", Number.class).longValue(), d.get("vehicles", Number.class).intValue());
    }
}
