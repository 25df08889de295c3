package org.dealerplatform.customer.imports.application;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bson.Document;
import org.dealerplatform.customer.customer.Customer;
import org.dealerplatform.customer.customer.persistence.CustomerStore;
import org.dealerplatform.customer.vehicle.Vehicle;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.spreadsheet.SpreadsheetCells;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Export of customer files as UTF-8 CSV (CUS-1), each one audited (SEC-9, PIPL): who, when, with which filter and how
 * many rows, in {@code export_audit}. The audit entry is written before the first row leaves and completed with the
 * count at the end, so an export that breaks off half-way is still on record.
 */
@Component
public class CustomerExport {

    public static final String AUDIT = "export_audit";

    private final MongoTemplate mongo;
    private final Clock clock;

    public CustomerExport(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** One audited export: who asked, when, for which branch filter, and how many rows left (null while running). */
    public record ExportRecord(String id, String subject, String callerBranchId, Instant at, String branchFilter,
            Long rows, Instant finishedAt) {
    }

    /** Writes the active files the caller may see (HQ: all, or {@code branchId}) to {@code writer}; the rows written. */
    public long export(Caller caller, String branchId, Writer writer) throws IOException {
        Criteria criteria = Criteria.where("status").ne(Customer.Status.MERGED.name());
        if (branchId != null && !branchId.isBlank()) {
            criteria = criteria.and(BranchScope.FIELD).is(branchId);
        }
        Query query = Query.query(BranchScope.of(caller, criteria)).with(Sort.by("branchId", "name", "_id"));
        String auditId = UUID.randomUUID().toString();
        mongo.insert(new Document("_id", auditId).append("subject", caller.userId())
                .append("callerBranchId", caller.branchId()).append("at", Date.from(clock.instant()))
                .append("branchFilter", branchId == null || branchId.isBlank() ? null : branchId), AUDIT);
        long rows = 0;
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader("id", "branchId", "name",
                "type", "mobile", "email", "address", "preferredLanguage", "firstVisitDate", "class", "complete", "vins",
                "plates").get());
                Stream<Customer> files = mongo.stream(query, Customer.class, CustomerStore.COLLECTION)) {
            for (Customer c : (Iterable<Customer>) files::iterator) {
                // SEC-4: a name like =HYPERLINK(...) must reach the spreadsheet as text, not as a formula
                csv.printRecord(SpreadsheetCells.row(c.id(), c.branchId(), c.name(), c.type(), c.mobile(), c.email(),
                        c.address(), c.preferredLanguage(), c.firstVisitDate(), c.customerClass(), c.complete(),
                        c.vehicles().stream().map(Vehicle::vin).collect(Collectors.joining(" ")),
                        c.vehicles().stream().map(Vehicle::plate).filter(p -> p != null).collect(Collectors.joining(" "))));
                rows++;
            }
        } finally {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(auditId)),
                    new Update().set("rows", rows)
                            .set("finishedAt", Date.from(clock.instant())), AUDIT);
        }
        return rows;
    }

    /** The audit trail, newest first; HQ only (the caller's role is checked by the controller). */
    public PageResponse<ExportRecord> audit(int page, int size) {
        Query query = new Query();
        long total = mongo.count(query, AUDIT);
        query.with(Sort.by(Sort.Direction.DESC, "at").and(Sort.by("_id"))).skip((long) page * size).limit(size);
        return PageResponse.of(mongo.find(query, Document.class, AUDIT).stream().map(CustomerExport::record).toList(),
                page, size, total);
    }

    private static ExportRecord record(Document d) {
        Number rows = d.get("rows", Number.class);
        Date finished = d.getDate("finishedAt");
        return new ExportRecord(d.getString("_id"), d.getString("subject"), d.getString("callerBranchId"),
                d.getDate("at").toInstant(), d.getString("branchFilter"), rows == null ? null : rows.longValue(),
                finished == null ? null : finished.toInstant());
    }
}
