package org.dealerplatform.notification.letter.batching;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;
import org.dealerplatform.notification.NotificationProperties;
import org.dealerplatform.notification.letter.LetterFont;
import org.dealerplatform.notification.letter.LetterPdf;
import org.dealerplatform.notification.outbound.Notification;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Collects a branch's sent letters into a batch (daily, and on demand) and renders a batch as a PDF (NOT-1). A letter
 * joins exactly one batch: it is taken with a conditional update, so two instances never print it twice.
 */
@Component
public class LetterBatches {

    public static final String COLLECTION = "letter-batches";
    private static final Logger log = LoggerFactory.getLogger(LetterBatches.class);
    private static final int MAX_LETTERS_PER_BATCH = 2000;

    /** A batch: which letters, of which branch, made when. */
    public record LetterBatch(String id, String branchId, LocalDate date, Instant createdAt, List<String> notificationIds) {
    }

    private final NotificationStore notifications;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final ZoneId zone;
    private final NotificationProperties properties;
    private final LetterPdf pdf;

    public LetterBatches(NotificationStore notifications, MongoTemplate mongo, Clock clock,
            NotificationProperties properties) {
        this.notifications = notifications;
        this.mongo = mongo;
        this.clock = clock;
        this.properties = properties;
        this.zone = properties.policy().settings().defaultZone();
        this.pdf = new LetterPdf(LetterFont.find(properties.letters().font()));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("branchId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("branch_created"));
    }

    /** The daily run: one batch per branch that has letters waiting. */
    public void daily() {
        for (String branch : notifications.branchesWithUnbatchedLetters()) {
            create(branch).ifPresent(batch -> log.info("letter batch {} of branch {} with {} letters", batch.id(),
                    branch, batch.notificationIds().size()));
        }
    }

    /** Batches every sent letter of {@code branchId} not yet in a batch; empty if there is none. */
    public Optional<LetterBatch> create(String branchId) {
        Instant now = clock.instant();
        LocalDate date = LocalDate.ofInstant(now, zone);
        String id = "LB-" + branchId + "-" + date + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> taken = new ArrayList<>();
        for (Notification letter : notifications.unbatchedLetters(branchId, MAX_LETTERS_PER_BATCH)) {
            if (take(letter, id)) {
                taken.add(letter.id());
            }
        }
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        LetterBatch batch = new LetterBatch(id, branchId, date, now, taken);
        mongo.insert(new Document("_id", id).append("branchId", branchId).append("date", date.toString())
                .append("createdAt", Date.from(now)).append("notificationIds", taken), COLLECTION);
        return Optional.of(batch);
    }

    /**
     * Puts the letter into the batch through the aggregate, saved with the version compare-and-set: when another writer
     * saved it meanwhile (another instance's batch, a status change), it is read again; false when another batch has it.
     */
    private boolean take(Notification letter, String batchId) {
        try {
            return notifications.change(letter.id(), current -> current.putInBatch(batchId));
        } catch (ConcurrentModificationException stillContended) {
            return false; // it waits for the next batch
        }
    }

    /** The batch by id, if the caller may see its branch (an {@code _id} lookup, then the branch check). */
    public Optional<LetterBatch> findVisible(String id, Caller caller) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION)).map(LetterBatches::toBatch)
                .filter(batch -> caller.canSee(batch.branchId()));
    }

    /** One page of the batches the caller may see, newest first. */
    public PageResponse<LetterBatch> page(Caller caller, int page, int size) {
        Query query = Query.query(BranchScope.of(caller));
        long total = mongo.count(Query.of(query), COLLECTION);
        query.with(Sort.by(Sort.Direction.DESC, "createdAt")).skip((long) page * size).limit(size);
        List<LetterBatch> content = mongo.find(query, Document.class, COLLECTION).stream().map(LetterBatches::toBatch)
                .toList();
        return PageResponse.of(content, page, size, total);
    }

    /** The batch as a printable PDF, letters in the batch's order. */
    public byte[] pdf(LetterBatch batch) {
        List<Notification> letters = notifications.find(Query.query(Criteria.where("_id").in(batch.notificationIds())));
        List<LetterPdf.Letter> pages = new ArrayList<>();
        for (String id : batch.notificationIds()) {
            letters.stream().filter(n -> n.id().equals(id)).findFirst()
                    .ifPresent(n -> pages.add(new LetterPdf.Letter(n.recipient() == null ? "" : n.recipient(),
                            n.body() == null ? "" : n.body())));
        }
        var branch = properties.branch(batch.branchId());
        return pdf.render(branch.name() + "  " + branch.address() + "  " + batch.date(), pages);
    }

    @SuppressWarnings("unchecked")
    private static LetterBatch toBatch(Document d) {
        return new LetterBatch(d.getString("_id"), d.getString("branchId"), LocalDate.parse(d.getString("date")),
                d.getDate("createdAt").toInstant(), List.copyOf((List<String>) d.get("notificationIds")));
    }
}
