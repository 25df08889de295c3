package org.dealerplatform.customer.imports.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dealerplatform.customer.customer.Customer;
import org.dealerplatform.customer.customer.persistence.CustomerStore;
import org.dealerplatform.customer.imports.application.CustomerImport;
import org.dealerplatform.customer.vehicle.Vehicle;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.spreadsheet.SpreadsheetCells;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Bulk import (per-row report, dry run, idempotent) and export of customer files as UTF-8 CSV. */
@RestController
@RequestMapping("/api/customers")
@Tag(name = "Import and export", description = "CUS-1, CUS-6, CUS-8")
public class CustomerCsvController {

    private final CustomerImport imports;
    private final MongoTemplate mongo;

    public CustomerCsvController(CustomerImport imports, MongoTemplate mongo) {
        this.imports = imports;
        this.mongo = mongo;
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import customer files from an uploaded UTF-8 CSV (part 'file'); columns branchId,name,type,mobile,email,address,preferredLanguage,firstVisitDate; returns the per-row report")
    public CustomerImport.Report importFile(@RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun, Caller caller) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return imports.importCsv(utf8(in), dryRun, caller);
        }
    }

    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Import customer files from a UTF-8 CSV request body (text/csv); dryRun=true only validates")
    public CustomerImport.Report importBody(@RequestBody byte[] csv, @RequestParam(defaultValue = "false") boolean dryRun,
            Caller caller) throws IOException {
        return imports.importCsv(utf8(new ByteArrayInputStream(csv)), dryRun, caller);
    }

    @GetMapping(path = "/export", produces = "text/csv")
    @Operation(summary = "Export the active customer files of the caller's branch (HQ: all, or ?branchId=) as UTF-8 CSV with BOM; text cells that could start a formula get a leading ' (SEC-4)")
    public void export(@RequestParam(required = false) String branchId, Caller caller, HttpServletResponse response)
            throws IOException {
        Criteria criteria = Criteria.where("status").ne(Customer.Status.MERGED.name());
        if (branchId != null && !branchId.isBlank()) {
            criteria = criteria.and(BranchScope.FIELD).is(branchId);
        }
        Query query = Query.query(BranchScope.of(caller, criteria)).with(Sort.by("branchId", "name", "_id"));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"customers.csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        writer.write('\uFEFF'); // lets spreadsheet programs recognise UTF-8 (Chinese names and addresses)
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
            }
        }
    }

    /** UTF-8, with a leading byte-order mark (Excel writes one) skipped. */
    private static Reader utf8(InputStream in) throws IOException {
        InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        java.io.PushbackReader pushback = new java.io.PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }
}
