package org.dealerplatform.customer.imports.application;

import java.time.Clock;

import org.dealerplatform.platform.jobs.ImportJobRunner;
import org.dealerplatform.platform.jobs.ImportJobStore;
import org.dealerplatform.platform.jobs.SpooledCsv;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Customer CSV imports as background jobs (CUS-8) in collection {@code import_jobs}: the shared job plumbing of
 * {@link ImportJobRunner} (202 with the job, progress, row report, SEC-3 row limit, Idempotency-Key, branch scoping)
 * around {@link CustomerImport}. SEC-3: the file is streamed to disk ({@link SpooledCsv}) and read row by row.
 */
@Component
public class ImportJobs extends ImportJobRunner {

    /** SEC-3: the most data rows one import takes (the header not counted). */
    public static final int MAX_ROWS = ImportJobRunner.MAX_ROWS;
    static final String COLLECTION = "import_jobs";

    public ImportJobs(CustomerImport imports, MongoTemplate mongo, Clock clock) {
        super("customer-import", (csv, job, caller, progress) -> imports.importCsv(csv, job.dryRun(), caller, job.rows(), progress),
                new ImportJobStore(mongo, clock, COLLECTION), clock);
    }
}
