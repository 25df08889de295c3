package org.dealerplatform.customer.imports.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.dealerplatform.platform.jobs.ImportJob;
import org.dealerplatform.platform.jobs.ImportJobView;
import org.dealerplatform.platform.jobs.SpooledCsv;
import org.dealerplatform.customer.imports.application.CustomerExport;
import org.dealerplatform.customer.imports.application.ImportJobs;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.audit.ExportAudit;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.PageResponse;
import org.dealerplatform.customer.file.web.CustomerFiles;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.spreadsheet.ExportColumns;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Bulk import as a background job (progress, per-row report, dry run, idempotent) and export of customer files as UTF-8 CSV or Excel, in Chinese or English (ECO-4). */
@RestController
@RequestMapping("/api/customers")
@Validated
@Tag(name = "Import and export", description = "CUS-1, CUS-6, CUS-8")
public class CustomerCsvController {

    private final ImportJobs jobs;
    private final CustomerExport exports;
    private final CustomerFiles files;
    private final BusinessCalendar calendar;

    public CustomerCsvController(ImportJobs jobs, CustomerExport exports, CustomerFiles files, BusinessCalendar calendar) {
        this.jobs = jobs;
        this.exports = exports;
        this.files = files;
        this.calendar = calendar;
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ApiResponse(responseCode = "202", description = "the import job, queued (Location: its URI)", useReturnTypeSchema = true)
    @Operation(summary = "Start an import of customer files from an uploaded UTF-8 CSV (part 'file'); columns branchId,name,type,mobile,email,address,preferredLanguage,firstVisitDate; at most 100,000 rows and 32 MiB (SEC-3: 413 above); answers 202 with the job (Location), whose GET gives progress and the per-row report")
    public ResponseEntity<ImportJobView> importFile(@RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun, Caller caller, IdempotencyKey key) throws IOException {
        return accepted(jobs.submit(SpooledCsv.forUpload(file), dryRun, null, caller, key));
    }

    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @ApiResponse(responseCode = "202", description = "the import job, queued (Location: its URI)", useReturnTypeSchema = true)
    @Operation(summary = "Start an import of customer files from a UTF-8 CSV request body (text/csv); dryRun=true only validates; at most 100,000 rows and 32 MiB (SEC-3: 413 above; the body is streamed to disk, never held in memory); answers 202 with the job (Location)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The CSV file, UTF-8 (a byte-order mark is skipped), header first",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = "string", maxLength = 33554432)),
                    @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string", maxLength = 33554432))})
    public ResponseEntity<ImportJobView> importBody(@Parameter(hidden = true) SpooledCsv csv,
            @RequestParam(defaultValue = "false") boolean dryRun, Caller caller, IdempotencyKey key) {
        return accepted(jobs.submit(csv, dryRun, null, caller, key));
    }

    @GetMapping("/import-jobs/{id}")
    @Operation(summary = "An import job: QUEUED, RUNNING (rows done of rows), DONE with the per-row report, or FAILED; a job of another branch answers 404")
    public ImportJobView importJob(@PathVariable String id, Caller caller) {
        return jobs.find(id, caller).map(ImportJobView::of).orElseThrow(() -> new NotFoundException("import job", id));
    }

    private static ResponseEntity<ImportJobView> accepted(ImportJob job) {
        return ImportJobView.accepted(job, "/api/customers/import-jobs/{id}");
    }

    /** The media type of an Excel workbook. */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @GetMapping(path = "/export", produces = {"text/csv", XLSX})
    @Operation(summary = "Export the active customer files of the caller's branch (HQ: all, or ?branchId=) as UTF-8 CSV with BOM, or with format=xlsx "
            + "(or Accept: " + XLSX + ") as an Excel workbook with a frozen header row; headers in Chinese by default, in English with lang=en (ECO-4); "
            + "registeredAt is a date and time in the business zone; text cells that could start a formula get a leading ' (SEC-4); every export is audited (SEC-9)")
    public void export(@RequestParam(required = false) @Size(max = 20) String branchId,
            @RequestParam(defaultValue = "csv") @Pattern(regexp = "csv|xlsx", message = "must be csv or xlsx")
            @Parameter(description = "csv (default) or xlsx", schema = @Schema(type = "string", allowableValues = {"csv", "xlsx"}, defaultValue = "csv")) String format,
            @RequestParam(defaultValue = ExportColumns.DEFAULT_LANG) @Pattern(regexp = ExportColumns.LANG_PATTERN, message = ExportColumns.LANG_MESSAGE)
            @Parameter(description = ExportColumns.LANG_DESCRIPTION, schema = @Schema(type = "string", allowableValues = {"zh-CN", "en"}, defaultValue = "zh-CN")) String lang,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Parameter(hidden = true) String accept,
            Caller caller, HttpServletResponse response) throws IOException {
        if ("xlsx".equals(format) || (accept != null && accept.contains(XLSX))) {
            response.setContentType(XLSX);
            response.setHeader("Content-Disposition", "attachment; filename=\"customers.xlsx\"");
            exports.exportXlsx(caller, branchId, lang, response.getOutputStream());
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"customers.csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        writer.write('\uFEFF'); // lets spreadsheet programs recognise UTF-8 (Chinese names and addresses)
        exports.export(caller, branchId, lang, writer);
    }

    @GetMapping(path = "/{id}/file.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The customer file as a printable PDF, the Basic Information Table of Customer Files (客户档案基本信息表): "
            + "one line per field and per vehicle, labelled in Chinese by default or in English with lang=en, in the CJK font of letters (ECO-4); "
            + "audited like an export (SEC-9); another branch's file answers 404")
    public ResponseEntity<byte[]> printFile(@PathVariable @Size(max = 64) String id,
            @RequestParam(defaultValue = ExportColumns.DEFAULT_LANG) @Pattern(regexp = ExportColumns.LANG_PATTERN, message = ExportColumns.LANG_MESSAGE)
            @Parameter(description = ExportColumns.LANG_DESCRIPTION, schema = @Schema(type = "string", allowableValues = {"zh-CN", "en"}, defaultValue = "zh-CN")) String lang,
            Caller caller) {
        byte[] pdf = exports.printFile(caller, files.visible(id, caller), lang, calendar.today());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"customer-" + id.replaceAll("[^A-Za-z0-9-]", "") + ".pdf\"")
                .body(pdf);
    }

    @GetMapping("/export-audit")
    @Operation(summary = "HQ: every export of customer data from customer-service, newest first: who (subject, roles, branch), when, which endpoint and filter, how many rows (SEC-9, PIPL)")
    public PageResponse<ExportAudit.Entry> exportAudit(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, Caller caller) {
        if (!caller.isHq()) {
            throw new AccessDeniedException("only HQ reads the export audit");
        }
        return exports.audit(page, size);
    }
}
