package org.dealerplatform.platform.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A branch-scoped endpoint, to test security and problem details the way services use them. */
@RestController
public class TicketController {

    private final TicketStore tickets;
    /** A ticket titled "slow…" waits for this before it is stored (a request still in flight, REL-7). */
    public static volatile java.util.concurrent.CountDownLatch slow = new java.util.concurrent.CountDownLatch(0);
    public static final java.util.concurrent.CountDownLatch[] ENTERED = {new java.util.concurrent.CountDownLatch(0)};

    public TicketController(TicketStore tickets) {
        this.tickets = tickets;
    }

    record OpenTicket(String branchId, @NotBlank @Size(max = 20) String title, @NotBlank String id) {
    }

    record TicketView(String id, String branchId, String title) {
    }

    @PostMapping("/tickets")
    @ResponseStatus(HttpStatus.CREATED)
    TicketView open(@Valid @RequestBody OpenTicket request, Caller caller, IdempotencyKey key) {
        if (request.title().startsWith("slow")) {
            ENTERED[0].countDown();
            try {
                slow.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (request.title().equalsIgnoreCase("closed")) {
            throw new org.dealerplatform.platform.domain.RuleViolation("title", "a new ticket cannot be titled closed");
        }
        Ticket ticket = Ticket.open(IdempotencyKey.aggregateIdOr(key, request::id),
                caller.branchForNewRecord(request.branchId()), request.title());
        Ticket answer = tickets.insertOnce(ticket, key).aggregate();
        return new TicketView(answer.id(), answer.branchId(), answer.title());
    }

    record RenameTicket(@NotBlank String title) {
    }

    /** A command on an existing ticket; a retry with the same key is answered from the ticket as it is (REL-7). */
    @PostMapping("/tickets/{id}/rename")
    TicketView rename(@PathVariable String id, @Valid @RequestBody RenameTicket request, Caller caller, IdempotencyKey key) {
        Ticket ticket = tickets.findOne(BranchScope.of(caller, Criteria.where("_id").is(id)))
                .orElseThrow(() -> new NotFoundException("ticket", id));
        if (!ticket.alreadyApplied(key)) {
            ticket.rename(request.title());
            ticket.rememberRequest(key);
            tickets.update(ticket);
        }
        return new TicketView(ticket.id(), ticket.branchId(), ticket.title());
    }

    /** Only branch managers may close a ticket; the count must be a number. */
    @PostMapping("/tickets/{id}/close")
    TicketView close(@PathVariable String id, @org.springframework.web.bind.annotation.RequestParam(defaultValue = "1") int count,
            Caller caller) {
        if (!caller.hasRole(org.dealerplatform.platform.security.Role.BRANCH_MANAGER)) {
            throw new org.springframework.security.access.AccessDeniedException("only a branch manager may close a ticket");
        }
        return get(id, caller);
    }

    @GetMapping("/tickets/{id}")
    TicketView get(@PathVariable String id, Caller caller) {
        Ticket ticket = tickets.findOne(BranchScope.of(caller, Criteria.where("_id").is(id)))
                .orElseThrow(() -> new NotFoundException("ticket", id));
        return new TicketView(ticket.id(), ticket.branchId(), ticket.title());
    }
}
