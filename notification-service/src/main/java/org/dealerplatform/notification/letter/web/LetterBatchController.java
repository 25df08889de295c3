package org.dealerplatform.notification.letter.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.dealerplatform.notification.letter.batching.LetterBatches;
import org.dealerplatform.platform.audit.ExportAudit;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeptAnswers;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Letter batches of the caller's branch: list, create now, download as PDF (NOT-1). */
@RestController
@RequestMapping("/api/notifications/letters/batches")
@Validated
@Tag(name = "Letter batches", description = "Daily printable letter batches per branch (NOT-1)")
public class LetterBatchController {

    private final LetterBatches batches;

    private final ExportAudit exportAudit;

    private final KeptAnswers keptAnswers;

    public LetterBatchController(LetterBatches batches, ExportAudit exportAudit, KeptAnswers keptAnswers) {
        this.batches = batches;
        this.exportAudit = exportAudit;
        this.keptAnswers = keptAnswers;
    }

    /** A batch without its PDF. */
    public record BatchView(String id, String branchId, LocalDate date, Instant createdAt, int letters,
            List<String> notificationIds) {
        static BatchView of(LetterBatches.LetterBatch b) {
            return new BatchView(b.id(), b.branchId(), b.date(), b.createdAt(), b.notificationIds().size(),
                    b.notificationIds());
        }
    }

    @GetMapping
    @Operation(summary = "Letter batches of the caller's branch, newest first")
    public PageResponse<BatchView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, Caller caller) {
        return batches.page(caller, page, size).map(BatchView::of);
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "the new batch", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "204", description = "no letter waits: nothing batched")
    @Operation(summary = "Batch the branch's waiting letters now (the daily run does it at 06:00); 204 if none wait. A "
            + "retry with the same Idempotency-Key answers the first batch (or its 204) and batches nothing more (REL-7)")
    public ResponseEntity<BatchView> createNow(@RequestParam(required = false) @Size(max = 20) String branchId,
            Caller caller, IdempotencyKey key) {
        if (!(caller.isHq() || caller.hasRole(Role.BRANCH_MANAGER) || caller.hasRole(Role.SERVICE_ADVISOR))) {
            throw new AccessDeniedException("only branch managers and service advisors batch letters");
        }
        String branch = caller.branchForNewRecord(branchId);
        return keptAnswers.answer(key, "letter-batch", BatchView.class, () -> batches.create(branch)
                .map(b -> ResponseEntity.status(HttpStatus.CREATED).body(BatchView.of(b)))
                .orElseGet(() -> ResponseEntity.noContent().build()));
    }

    @GetMapping(value = "/{id}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The batch as a printable PDF, one letter per page (names and addresses: every download is audited, SEC-9)")
    public ResponseEntity<byte[]> pdf(@PathVariable String id, Caller caller) {
        LetterBatches.LetterBatch batch = batches.findVisible(id, caller)
                .orElseThrow(() -> new NotFoundException("letter batch", id));
        byte[] pdf = batches.pdf(batch);
        // SEC-9: the letters carry the customers' names and addresses: who downloaded them, when, which batch, how many
        exportAudit.record(caller, "GET /api/notifications/letters/batches/{id}.pdf", Map.of("batchId", id),
                batch.notificationIds().size());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(id + ".pdf").build().toString())
                .contentType(MediaType.APPLICATION_PDF)
                .body(pdf);
    }
}
