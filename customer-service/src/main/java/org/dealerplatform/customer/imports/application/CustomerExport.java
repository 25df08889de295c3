package org.dealerplatform.customer.imports.application;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.vehicle.Vehicle;
import org.dealerplatform.platform.audit.ExportAudit;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.spreadsheet.SpreadsheetCells;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Export of customer files as UTF-8 CSV (CUS-1), each one audited (SEC-9, PIPL) through the platform's
 * {@link ExportAudit}: who, when, with which filter and how many rows. The audit entry is written before the first row
 * leaves and completed with the count at the end, so an export that breaks off half-way is still on record. Erased
 * files (SEC-9) and merged ones are not exported.
 */
@Component
public class CustomerExport {

    public static final String ENDPOINT = "GET /api/customers/export";

    private final MongoTemplate mongo;
    private final ExportAudit audit;

    public CustomerExport(MongoTemplate mongo, ExportAudit audit) {
        this.mongo = mongo;
        this.audit = audit;
    }

    /** Writes the active files the caller may see (HQ: all, or {@code branchId}) to {@code writer}; the rows written. */
    public long export(Caller caller, String branchId, Writer writer) throws IOException {
        Criteria criteria = Criteria.where("status").is(Customer.Status.ACTIVE.name());
        if (branchId != null && !branchId.isBlank()) {
            criteria = criteria.and(BranchScope.FIELD).is(branchId);
        }
        Query query = Query.query(BranchScope.of(caller, criteria)).with(Sort.by("branchId", "name", "_id"));
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("branchId", branchId);
        String auditId = audit.started(caller, ENDPOINT, filter);
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
            audit.finished(auditId, rows);
        }
        return rows;
    }

    /** The audit trail, newest first; HQ only (the caller's role is checked by the controller). */
    public PageResponse<ExportAudit.Entry> audit(int page, int size) {
        return audit.page(page, size);
    }
}
