package org.dealerplatform.notification.consent.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dealerplatform.notification.consent.ConsentLedger;
import org.dealerplatform.notification.contact.ContactBook;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "Was sending allowed at time T?" per channel, from the consent ledger (NOT-7). */
@RestController
@RequestMapping("/api/notifications/consent")
@Tag(name = "Consent ledger", description = "Consent per channel at any point in time, with source (NOT-7)")
public class ConsentController {

    private final ConsentLedger ledger;
    private final ContactBook contacts;
    private final Clock clock;

    public ConsentController(ConsentLedger ledger, ContactBook contacts, Clock clock) {
        this.ledger = ledger;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** The answer for one customer at one time. */
    public record ConsentAt(String customerId, Instant at, Map<Channel, ConsentLedger.ChannelConsent> channels) {
    }

    @GetMapping("/{customerId}")
    @Operation(summary = "Consent per channel at time 'at' (default now), with the source and time of the deciding change")
    public ConsentAt at(@PathVariable String customerId, @RequestParam(required = false) Instant at, Caller caller) {
        String branch = contacts.branchOf(customerId).orElseThrow(() -> new NotFoundException("customer", customerId));
        caller.requireVisible(branch, "customer", customerId);
        Instant when = at == null ? clock.instant() : at;
        return new ConsentAt(customerId, when, ledger.at(customerId, when));
    }
}
