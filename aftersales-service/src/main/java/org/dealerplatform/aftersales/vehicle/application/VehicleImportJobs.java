package org.dealerplatform.aftersales.vehicle.application;

import java.time.Clock;
import java.util.Optional;

import org.dealerplatform.aftersales.WorkshopRoles;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.jobs.ImportJob;
import org.dealerplatform.platform.jobs.ImportJobRunner;
import org.dealerplatform.platform.jobs.ImportJobStore;
import org.dealerplatform.platform.jobs.SpooledCsv;
import org.dealerplatform.platform.security.Caller;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Vehicle and service history CSV imports as background jobs (issue 10), in collection {@code vehicle_import_jobs}:
 * the platform's import job plumbing ({@link ImportJobRunner}: 202 with the job, progress, row report, SEC-3 row
 * limit, Idempotency-Key, branch scoping) around {@link VehicleImport}. Only workshop staff and HQ import.
 */
@Component
public class VehicleImportJobs implements DisposableBean {

    static final String COLLECTION = "vehicle_import_jobs";

    private final ImportJobRunner vehicles;
    private final ImportJobRunner history;

    public VehicleImportJobs(VehicleImport imports, MongoTemplate mongo, Clock clock) {
        ImportJobStore jobs = new ImportJobStore(mongo, clock, COLLECTION);
        this.vehicles = new ImportJobRunner("vehicle-import", imports::importVehicles, jobs, clock);
        this.history = new ImportJobRunner("service-history-import", imports::importHistory, jobs, clock);
    }

    /**
     * Queues an import of vehicles into {@code branchId} (a branch user: its own; HQ: that one, or per row); SEC-3: the
     * file was streamed to disk, the job reads it from there.
     */
    public ImportJob importVehicles(SpooledCsv csv, boolean dryRun, String branchId, Caller caller, IdempotencyKey key) {
        WorkshopRoles.requireWorkshopStaff(caller);
        return vehicles.submit(csv, dryRun, branchId, caller, key);
    }

    /** Queues an import of service history into {@code branchId}, as {@link #importVehicles}. */
    public ImportJob importHistory(SpooledCsv csv, boolean dryRun, String branchId, Caller caller, IdempotencyKey key) {
        WorkshopRoles.requireWorkshopStaff(caller);
        return history.submit(csv, dryRun, branchId, caller, key);
    }

    /** A job of either kind if {@code caller} may see it (its branch; HQ all); otherwise empty, like a missing one. */
    public Optional<ImportJob> find(String id, Caller caller) {
        return vehicles.find(id, caller);
    }

    @Override
    public void destroy() throws InterruptedException {
        vehicles.close();
        history.close();
    }
}
