package org.dealerplatform.customer.imports.application;

import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.customer.imports.CustomerCsv;
import org.dealerplatform.platform.jobs.ImportJobRunner;
import org.dealerplatform.platform.jobs.ImportReport;
import org.dealerplatform.platform.jobs.RowProblem;
import org.dealerplatform.platform.security.Caller;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Imports customer files from CSV (CUS-1, CUS-8): validates every row, reports each problem with row, field and
 * reason, and creates the valid rows whose mobile number is not on file yet, chunk by chunk while it reads the file row
 * by row (SEC-3): one look-up of the chunk's
 * mobile numbers (an {@code $in} on the unique mobile index) and one unordered bulk insert. Re-importing the same file
 * creates nothing (idempotent by mobile number, CUS-6); a dry run only reports. It reports its progress in rows.
 */
@Component
public class CustomerImport {

    static final int CHUNK = 1000;

    private final MongoTemplate mongo;
    private final CustomerStore customers;
    private final Clock clock;
    private final MeterRegistry meters;

    public CustomerImport(MongoTemplate mongo, CustomerStore customers, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.customers = customers;
        this.clock = clock;
        this.meters = meters;
    }

    /** {@link #importCsv(Reader, boolean, Caller, long, ImportJobRunner.Progress)} of a file whose rows are not counted. */
    public ImportReport importCsv(Reader csv, boolean dryRun, Caller caller, ImportJobRunner.Progress progress) throws IOException {
        return importCsv(csv, dryRun, caller, 0, progress);
    }

    /**
     * Reads {@code csv} row by row and imports it a chunk of {@value #CHUNK} new rows at a time while it reads (SEC-3:
     * the rows are never all in memory; what is kept per row is its mobile number, for duplicates inside the file, and
     * its problems). {@code expectedRows}, the rows counted before the job was queued, is the total its progress
     * reports until the file is read to its end.
     */
    public ImportReport importCsv(Reader csv, boolean dryRun, Caller caller, long expectedRows,
            ImportJobRunner.Progress progress) throws IOException {
        LocalDate today = LocalDate.now(clock.withZone(BusinessCalendar.DEFAULT_ZONE));
        Run run = new Run(dryRun, caller, expectedRows, progress);
        long total = CustomerCsv.read(csv, today, run::row, run.problems::add);
        run.flush();
        progress.rows(total, total);
        List<RowProblem> problems = run.problems;
        problems.sort(Comparator.comparingLong(RowProblem::row));
        List<RowProblem> listed = problems.size() > ImportReport.MAX_PROBLEMS
                ? List.copyOf(problems.subList(0, ImportReport.MAX_PROBLEMS)) : problems;
        return new ImportReport(dryRun, total, run.valid, run.created, run.alreadyOnFile, problems.size(), listed);
    }

    /** One import under way: the rows waiting for their chunk, the counts so far. */
    private final class Run {

        final boolean dryRun;
        final Caller caller;
        final long expectedRows;
        final ImportJobRunner.Progress progress;
        final List<RowProblem> problems = new ArrayList<>();
        /** Duplicates inside the file: the first row of each mobile number. */
        final Map<String, Long> firstRowOfMobile = new HashMap<>();
        final List<CustomerCsv.Row> chunk = new ArrayList<>(CHUNK);
        long read;
        long valid;
        long created;
        long alreadyOnFile;

        Run(boolean dryRun, Caller caller, long expectedRows, ImportJobRunner.Progress progress) {
            this.dryRun = dryRun;
            this.caller = caller;
            this.expectedRows = expectedRows;
            this.progress = progress;
        }

        void row(CustomerCsv.Row row) {
            read = row.row() - 1; // the rows read so far, invalid ones included (the header is row 1)
            String branch = branchOf(row, caller, problems);
            if (branch == null) {
                return;
            }
            Long first = firstRowOfMobile.putIfAbsent(row.mobile(), row.row());
            if (first != null) {
                problems.add(new RowProblem(row.row(), "mobile", "same mobile number as row " + first));
                return;
            }
            chunk.add(new CustomerCsv.Row(row.row(), branch, row.name(), row.type(), row.mobile(), row.email(),
                    row.address(), row.preferredLanguage(), row.firstVisitDate()));
            if (chunk.size() == CHUNK) {
                flush();
                progress.rows(Math.max(expectedRows, read), read);
            }
        }

        void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            Map<String, String> branchOfExisting = existingMobiles(chunk);
            List<Customer> toCreate = new ArrayList<>();
            for (CustomerCsv.Row row : chunk) {
                String existingBranch = branchOfExisting.get(row.mobile());
                if (existingBranch != null) {
                    if (existingBranch.equals(row.branchId())) {
                        alreadyOnFile++;
                        valid++;
                    } else {
                        problems.add(new RowProblem(row.row(), "mobile",
                                "a customer file with this mobile number exists at another branch"));
                    }
                    continue;
                }
                valid++;
                toCreate.add(Customer.register(UUID.randomUUID().toString(), row.branchId(), row.name(), row.type(),
                        row.mobile(), row.email(), row.address(), row.preferredLanguage(), row.firstVisitDate(),
                        clock.instant()));
            }
            if (!dryRun && !toCreate.isEmpty()) {
                AggregateStore.BulkResult result = customers.insertAll(toCreate);
                created += result.inserted().size();
                // a concurrent import or registration took the number meanwhile: nothing new, as on a re-import
                alreadyOnFile += result.duplicates().size();
                meters.counter("dealer.customers.imported").increment(result.inserted().size());
            }
            chunk.clear();
        }
    }

    private static String branchOf(CustomerCsv.Row row, Caller caller, List<RowProblem> problems) {
        if (caller.isHq()) {
            if (row.branchId() == null) {
                problems.add(new RowProblem(row.row(), "branchId", "is required when HQ imports"));
                return null;
            }
            return row.branchId();
        }
        if (row.branchId() != null && !row.branchId().equals(caller.branchId())) {
            problems.add(new RowProblem(row.row(), "branchId", "you may only import files of your own branch"));
            return null;
        }
        return caller.branchId();
    }

    private Map<String, String> existingMobiles(List<CustomerCsv.Row> rows) {
        Map<String, String> existing = new HashMap<>();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<String> mobiles = rows.subList(from, Math.min(rows.size(), from + CHUNK)).stream()
                    .map(CustomerCsv.Row::mobile).toList();
            Query query = Query.query(Criteria.where("mobile").in(mobiles));
            query.fields().include("mobile").include("branchId");
            for (Document d : mongo.find(query, Document.class, CustomerStore.COLLECTION)) {
                existing.put(d.getString("mobile"), d.getString("branchId"));
            }
        }
        return existing;
    }
}
