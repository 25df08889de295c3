package org.dealerplatform.aftersales.vehicle.application;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServiceRecord;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCsv;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.jobs.ImportJob;
import org.dealerplatform.platform.jobs.ImportJobRunner;
import org.dealerplatform.platform.jobs.ImportReport;
import org.dealerplatform.platform.jobs.RowProblem;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.security.Caller;
import org.springframework.stereotype.Component;

/**
 * Imports a dealer group's vehicles and their service history from CSV (issue 10), chunk by chunk: one {@code _id}
 * look-up of the chunk's VINs and one bulk write. The vehicles' due dates are computed as they are written, and the
 * due-day index the reminder sweep reads (AFT-3) is announced with the same write, so the first sweep after the
 * import reminds the vehicles that are due.
 *
 * <ul>
 * <li>vehicles: a VIN already on file at the row's branch counts as already on file and is left as it is (importing
 * the file again creates nothing); a VIN on file at another branch is a row problem;</li>
 * <li>service history: each visit is applied to the vehicle like a completed work order (odometer, maintenance cycle,
 * next due date), at most once per {@code workOrderId}; the vehicles of a chunk are saved in one bulk compare-and-set
 * write, and a vehicle saved meanwhile by someone else is reloaded and its rows applied again. Imported history is
 * the past: it publishes no {@code MaintenanceRecorded} (no follow-up calls for visits of years ago).</li>
 * </ul>
 * Branches: a row names its branch, or takes the job's (a branch user's own; HQ names it for the job or per row); a
 * branch user's row naming another branch is refused, and a vehicle of another branch reads as not on file.
 */
@Component
public class VehicleImport {

    static final int CHUNK = 1_000;
    static final int ATTEMPTS = 5;

    private final VehicleStore store;
    private final MaintenancePlanCatalogue plans;
    private final BusinessCalendar calendar;
    private final MeterRegistry meters;

    public VehicleImport(VehicleStore store, MaintenancePlanCatalogue plans, BusinessCalendar calendar,
            MeterRegistry meters) {
        this.store = store;
        this.plans = plans;
        this.calendar = calendar;
        this.meters = meters;
    }

    public ImportReport importVehicles(Reader csv, ImportJob job, Caller caller, ImportJobRunner.Progress progress)
            throws IOException {
        VehicleCsv.Parsed<VehicleCsv.VehicleRow> parsed = VehicleCsv.vehicles(csv, calendar.today());
        List<RowProblem> problems = new ArrayList<>(parsed.problems());
        Map<String, Long> firstRowOfVin = new HashMap<>();
        List<VehicleCsv.VehicleRow> candidates = new ArrayList<>();
        for (VehicleCsv.VehicleRow row : parsed.rows()) {
            String branch = branchOf(row.row(), row.branchId(), job, caller, problems);
            if (branch == null) {
                continue;
            }
            Long first = firstRowOfVin.putIfAbsent(row.vin(), row.row());
            if (first != null) {
                problems.add(new RowProblem(row.row(), "vin", "same VIN as row " + first));
                continue;
            }
            candidates.add(new VehicleCsv.VehicleRow(row.row(), branch, row.vin(), row.customerId(), row.model(),
                    row.category(), row.plate(), row.purchaseDate(), row.mileageKm(), row.mileageDate()));
        }
        long done = parsed.total() - candidates.size();
        progress.rows(parsed.total(), done);
        long valid = 0;
        long created = 0;
        long alreadyOnFile = 0;
        for (int from = 0; from < candidates.size(); from += CHUNK) {
            List<VehicleCsv.VehicleRow> chunk = candidates.subList(from, Math.min(candidates.size(), from + CHUNK));
            Map<String, String> branchOfExisting = new HashMap<>();
            for (ServicedVehicle existing : store.findAllById(chunk.stream().map(VehicleCsv.VehicleRow::vin).toList())) {
                branchOfExisting.put(existing.id(), existing.branchId());
            }
            List<ServicedVehicle> toCreate = new ArrayList<>();
            for (VehicleCsv.VehicleRow row : chunk) {
                String existingBranch = branchOfExisting.get(row.vin());
                if (existingBranch != null) {
                    if (existingBranch.equals(row.branchId())) {
                        alreadyOnFile++;
                        valid++;
                    } else {
                        problems.add(new RowProblem(row.row(), "vin", "a vehicle with this VIN is on file at another branch"));
                    }
                    continue;
                }
                try {
                    ServicedVehicle vehicle = ServicedVehicle.register(row.vin(), row.branchId(), row.customerId(),
                            row.model(), row.category(), row.plate(), row.purchaseDate(), plans);
                    if (row.mileageKm() != null) {
                        vehicle.recordMileage(row.mileageDate(), row.mileageKm());
                    }
                    vehicle.recordedEvents().clear();
                    toCreate.add(vehicle);
                    valid++;
                } catch (RuleViolation refused) {
                    problems.add(new RowProblem(row.row(), refused.field(), refused.getMessage()));
                }
            }
            if (!job.dryRun() && !toCreate.isEmpty()) {
                AggregateStore.BulkResult result = store.insertAll(toCreate);
                created += result.inserted().size();
                alreadyOnFile += result.duplicates().size(); // created meanwhile by a sale or another import
                meters.counter("dealer.aftersales.vehicles.imported").increment(result.inserted().size());
            }
            done += chunk.size();
            progress.rows(parsed.total(), done);
        }
        return ImportReport.of(job.dryRun(), parsed.total(), valid, created, alreadyOnFile, problems);
    }

    public ImportReport importHistory(Reader csv, ImportJob job, Caller caller, ImportJobRunner.Progress progress)
            throws IOException {
        VehicleCsv.Parsed<VehicleCsv.HistoryRow> parsed = VehicleCsv.history(csv, calendar.today());
        List<RowProblem> problems = new ArrayList<>(parsed.problems());
        // the rows of each VIN, oldest visit first, so that the odometer only moves forward
        Map<String, List<VehicleCsv.HistoryRow>> byVin = new LinkedHashMap<>();
        long accepted = 0;
        for (VehicleCsv.HistoryRow row : parsed.rows()) {
            String branch = branchOf(row.row(), row.branchId(), job, caller, problems);
            if (branch == null) {
                continue;
            }
            byVin.computeIfAbsent(row.vin(), v -> new ArrayList<>()).add(new VehicleCsv.HistoryRow(row.row(), branch,
                    row.vin(), row.serviceDate(), row.mileageKm(), row.jobType(), row.workOrderId(), row.technician()));
            accepted++;
        }
        byVin.values().forEach(rows -> rows.sort(java.util.Comparator.comparing(VehicleCsv.HistoryRow::serviceDate)
                .thenComparingLong(VehicleCsv.HistoryRow::mileageKm)));
        long done = parsed.total() - accepted;
        progress.rows(parsed.total(), done);
        long[] counts = new long[3]; // valid, recorded, already on file
        List<String> vins = new ArrayList<>(byVin.keySet());
        for (int from = 0; from < vins.size(); from += CHUNK) {
            List<String> chunk = vins.subList(from, Math.min(vins.size(), from + CHUNK));
            List<String> pending = chunk;
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                Map<Long, Object> outcomes = new HashMap<>(); // row -> RECORDED, ALREADY or its RowProblem
                List<ServicedVehicle> changed = new ArrayList<>();
                Map<String, ServicedVehicle> found = new HashMap<>();
                for (ServicedVehicle vehicle : store.findAllById(pending)) {
                    found.put(vehicle.id(), vehicle);
                }
                for (String vin : pending) {
                    if (applyHistory(found.get(vin), byVin.get(vin), outcomes)) {
                        changed.add(found.get(vin));
                    }
                }
                java.util.Set<String> conflicted = new java.util.HashSet<>();
                if (!job.dryRun() && !changed.isEmpty()) {
                    conflicted.addAll(store.updateAll(changed).conflicted());
                }
                List<String> retry = new ArrayList<>();
                for (String vin : pending) {
                    if (!conflicted.contains(vin)) {
                        tally(byVin.get(vin), outcomes, job.dryRun(), counts, problems);
                    } else if (attempt < ATTEMPTS) {
                        retry.add(vin); // saved meanwhile (a work order, a sale): reload it and apply its rows again
                    } else {
                        for (VehicleCsv.HistoryRow row : byVin.get(vin)) {
                            problems.add(new RowProblem(row.row(), "vin",
                                    "the vehicle kept changing while it was imported; import this row again"));
                        }
                    }
                }
                pending = retry;
            }
            done += chunk.stream().mapToLong(vin -> byVin.get(vin).size()).sum();
            progress.rows(parsed.total(), done);
        }
        meters.counter("dealer.aftersales.service-history.imported").increment(counts[1]);
        return ImportReport.of(job.dryRun(), parsed.total(), counts[0], counts[1], counts[2], problems);
    }

    private static final String RECORDED = "recorded";
    private static final String ALREADY = "already on file";

    /** Applies a vehicle's imported visits, noting each row's outcome; whether the vehicle changed. */
    private boolean applyHistory(ServicedVehicle vehicle, List<VehicleCsv.HistoryRow> rows, Map<Long, Object> outcomes) {
        boolean changed = false;
        for (VehicleCsv.HistoryRow row : rows) {
            if (vehicle == null || !vehicle.branchId().equals(row.branchId())) {
                outcomes.put(row.row(), new RowProblem(row.row(), "vin", "no vehicle with this VIN is on file at branch "
                        + row.branchId() + " (import the vehicles first)"));
                continue;
            }
            if (vehicle.hasApplied(ServicedVehicle.workOrderMark(row.workOrderId()))) {
                outcomes.put(row.row(), ALREADY);
                continue;
            }
            try {
                vehicle.recordService(new ServiceRecord(row.workOrderId(), row.branchId(), row.jobType(),
                        row.serviceDate(), row.mileageKm(), List.of(), 0, 0, row.technician()), null,
                        row.serviceDate().atStartOfDay(calendar.zone()).toInstant());
                outcomes.put(row.row(), RECORDED);
                changed = true;
            } catch (RuleViolation refused) {
                outcomes.put(row.row(), new RowProblem(row.row(), refused.field(), refused.getMessage()));
            }
        }
        if (vehicle != null) {
            vehicle.recordedEvents().clear(); // imported history is the past: no MaintenanceRecorded
        }
        return changed;
    }

    /** Adds the final outcome of a vehicle's rows to the report's counts (valid, recorded, already) and problems. */
    private static void tally(List<VehicleCsv.HistoryRow> rows, Map<Long, Object> outcomes, boolean dryRun,
            long[] counts, List<RowProblem> problems) {
        for (VehicleCsv.HistoryRow row : rows) {
            Object outcome = outcomes.get(row.row());
            if (outcome instanceof RowProblem problem) {
                problems.add(problem);
            } else {
                counts[0]++;
                if (ALREADY.equals(outcome)) {
                    counts[2]++;
                } else if (!dryRun) {
                    counts[1]++;
                }
            }
        }
    }

    private static String branchOf(long row, String rowBranch, ImportJob job, Caller caller, List<RowProblem> problems) {
        if (caller.isHq()) {
            String branch = rowBranch != null ? rowBranch : job.branchId();
            if (branch == null) {
                problems.add(new RowProblem(row, "branchId", "is required when HQ imports without naming a branch"));
            }
            return branch;
        }
        if (rowBranch != null && !rowBranch.equals(caller.branchId())) {
            problems.add(new RowProblem(row, "branchId", "you may only import into your own branch"));
            return null;
        }
        return caller.branchId();
    }
}
