package org.dealerplatform.platform.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The audit of every export of customer data (SEC-9, PIPL): who (subject, roles, branch), when, which endpoint with
 * which filter, and how many rows left, one document per export in the service's {@value #COLLECTION} collection.
 *
 * <p>An export calls {@link #started} before the first row leaves and {@link #finished} with the count at the end (also
 * when it breaks off: call it from a {@code finally}), so an export that fails half-way is still on record, with the
 * rows written so far. An export answered in one piece (a PDF, a small CSV) may use {@link #record} instead.
 *
 * <p>Writes are single-document inserts and {@code _id} updates; the read for HQ is paged, newest first.
 */
public class ExportAudit {

    public static final String COLLECTION = "export_audit";

    private final MongoTemplate mongo;
    private final Clock clock;

    public ExportAudit(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * One audited export.
     *
     * @param endpoint     the endpoint that exported, e.g. {@code GET /api/customers/export}
     * @param filter       the filter the caller gave (parameter name → value; absent parameters left out)
     * @param branchFilter the branch the export was restricted to, if the caller named one
     * @param rows         rows (records) that left; null while the export runs
     */
    public record Entry(String id, String subject, List<String> roles, String callerBranchId, Instant at, String endpoint,
            Map<String, String> filter, String branchFilter, Long rows, Instant finishedAt) {
    }

    /** Records the start of an export by {@code caller} at {@code endpoint} with {@code filter}; returns its id. */
    public String started(Caller caller, String endpoint, Map<String, ?> filter) {
        Map<String, String> given = new LinkedHashMap<>();
        if (filter != null) {
            filter.forEach((name, value) -> {
                if (value != null && !value.toString().isBlank()) {
                    given.put(name, value.toString());
                }
            });
        }
        String id = UUID.randomUUID().toString();
        mongo.insert(new Document("_id", id).append("subject", caller.userId())
                .append("roles", caller.roles().stream().map(Role::name).sorted().toList())
                .append("callerBranchId", caller.branchId()).append("at", Date.from(clock.instant()))
                .append("endpoint", endpoint).append("filter", new Document(given))
                .append("branchFilter", given.get("branchId")), COLLECTION);
        return id;
    }

    /** Completes export {@code id} with the number of rows that left. */
    public void finished(String id, long rows) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new Update().set("rows", rows).set("finishedAt", Date.from(clock.instant())), COLLECTION);
    }

    /** Records an export answered in one piece: started and finished with {@code rows}. */
    public String record(Caller caller, String endpoint, Map<String, ?> filter, long rows) {
        String id = started(caller, endpoint, filter);
        finished(id, rows);
        return id;
    }

    /** The trail, newest first; the caller's right to read it (HQ) is checked by the controller. */
    public PageResponse<Entry> page(int page, int size) {
        Query query = new Query();
        long total = mongo.count(query, COLLECTION);
        query.with(Sort.by(Sort.Direction.DESC, "at").and(Sort.by("_id"))).skip((long) page * size).limit(size);
        return PageResponse.of(mongo.find(query, Document.class, COLLECTION).stream().map(ExportAudit::entry).toList(),
                page, size, total);
    }

    private static Entry entry(Document d) {
        Number rows = d.get("rows", Number.class);
        Date finished = d.getDate("finishedAt");
        Document filter = d.get("filter", Document.class);
        Map<String, String> given = new LinkedHashMap<>();
        if (filter != null) {
            filter.forEach((name, value) -> given.put(name, value == null ? null : value.toString()));
        }
        List<String> roles = d.getList("roles", String.class);
        return new Entry(d.getString("_id"), d.getString("subject"), roles == null ? List.of() : roles,
                d.getString("callerBranchId"), d.getDate("at").toInstant(), d.getString("endpoint"), given,
                d.getString("branchFilter"), rows == null ? null : rows.longValue(),
                finished == null ? null : finished.toInstant());
    }
}
