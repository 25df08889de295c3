package org.dealerplatform.aftersales.vehicle.web;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.dealerplatform.aftersales.vehicle.VehicleCsv;
import org.dealerplatform.aftersales.vehicle.application.VehicleImportJobs;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.jobs.ImportJob;
import org.dealerplatform.platform.jobs.ImportJobView;
import org.dealerplatform.platform.jobs.SpooledCsv;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A dealer group's vehicles and service history imported from CSV as background jobs (issue 10), so that its first
 * day brings its due dates with it: 202 with the job (Location), whose GET gives progress and the per-row report.
 */
@RestController
@RequestMapping("/api/aftersales")
@Validated
@Tag(name = "Vehicle and service history import", description = "issue 10: CSV import jobs; AFT-2 due dates; AFT-3 the sweep finds them")
public class VehicleImportController {

    static final String BRANCH = "^[A-Za-z0-9-]{1,20}$";
    static final String BRANCH_HELP = "the branch to import into: a branch user's own (or none); HQ names it here or per row";

    private final VehicleImportJobs jobs;

    public VehicleImportController(VehicleImportJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping(path = "/vehicles/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @ApiResponse(responseCode = "202", description = "the import job, queued (Location: its URI)", useReturnTypeSchema = true)
    @Operation(summary = "Start an import of vehicles from a UTF-8 CSV request body; columns " + VehicleCsv.VEHICLE_HEADER
            + " (vin, purchaseDate required); a VIN already on file is left as it is; dryRun=true only validates; at most 100,000 rows and 32 MiB (SEC-3: 413 above); "
            + "answers 202 with the job (Location); their due dates are computed on import, so the reminder sweep finds them")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The CSV file, UTF-8 (a byte-order mark is skipped), header first; streamed to disk, never held in memory (SEC-3)",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = "string", maxLength = 33554432)),
                    @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string", maxLength = 33554432))})
    public ResponseEntity<ImportJobView> importVehicles(@Parameter(hidden = true) SpooledCsv csv,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @Parameter(description = BRANCH_HELP) @RequestParam(required = false) @Pattern(regexp = BRANCH) String branchId,
            Caller caller, IdempotencyKey key) {
        return accepted(jobs.importVehicles(csv, dryRun, branchId, caller, key));
    }

    @PostMapping(path = "/vehicles/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ApiResponse(responseCode = "202", description = "the import job, queued (Location: its URI)", useReturnTypeSchema = true)
    @Operation(summary = "Start an import of vehicles from an uploaded UTF-8 CSV (part 'file'); as the text/csv form")
    public ResponseEntity<ImportJobView> importVehicleFile(@RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @Parameter(description = BRANCH_HELP) @RequestParam(required = false) @Pattern(regexp = BRANCH) String branchId,
            Caller caller, IdempotencyKey key) throws IOException {
        return accepted(jobs.importVehicles(SpooledCsv.forUpload(file), dryRun, branchId, caller, key));
    }

    @PostMapping(path = "/service-history/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @ApiResponse(responseCode = "202", description = "the import job, queued (Location: its URI)", useReturnTypeSchema = true)
    @Operation(summary = "Start an import of past workshop visits from a UTF-8 CSV request body; columns " + VehicleCsv.HISTORY_HEADER
            + " (vin, serviceDate, mileageKm, jobType required); each visit moves the vehicle's odometer, maintenance cycle and next due date, "
            + "once per workOrderId; it publishes no MaintenanceRecorded; answers 202 with the job (Location)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The CSV file, UTF-8 (a byte-order mark is skipped), header first; streamed to disk, never held in memory (SEC-3)",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = "string", maxLength = 33554432)),
                    @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string", maxLength = 33554432))})
    public ResponseEntity<ImportJobView> importHistory(@Parameter(hidden = true) SpooledCsv csv,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @Parameter(description = BRANCH_HELP) @RequestParam(required = false) @Pattern(regexp = BRANCH) String branchId,
            Caller caller, IdempotencyKey key) {
        return accepted(jobs.importHistory(csv, dryRun, branchId, caller, key));
    }

    @PostMapping(path = "/service-history/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ApiResponse(responseCode = "202", description = "the import job, queued (Location: its URI)", useReturnTypeSchema = true)
    @Operation(summary = "Start an import of service history from an uploaded UTF-8 CSV (part 'file'); as the text/csv form")
    public ResponseEntity<ImportJobView> importHistoryFile(@RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @Parameter(description = BRANCH_HELP) @RequestParam(required = false) @Pattern(regexp = BRANCH) String branchId,
            Caller caller, IdempotencyKey key) throws IOException {
        return accepted(jobs.importHistory(SpooledCsv.forUpload(file), dryRun, branchId, caller, key));
    }

    @GetMapping("/import-jobs/{id}")
    @Operation(summary = "A vehicle or service history import job: QUEUED, RUNNING (rows done of rows), DONE with the per-row report, or FAILED; a job of another branch answers 404")
    public ImportJobView importJob(@PathVariable @Size(max = 100) String id, Caller caller) {
        return jobs.find(id, caller).map(ImportJobView::of).orElseThrow(() -> new NotFoundException("import job", id));
    }

    private static ResponseEntity<ImportJobView> accepted(ImportJob job) {
        return ImportJobView.accepted(job, "/api/aftersales/import-jobs/{id}");
    }
}
