package org.dealerplatform.customer.history.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dealerplatform.customer.classification.Purchase;
import org.dealerplatform.customer.classification.persistence.PurchaseLedger;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.web.CustomerFiles;
import org.dealerplatform.customer.file.web.CustomerView;
import org.dealerplatform.customer.history.HistoryKind;
import org.dealerplatform.customer.history.persistence.CustomerHistory;
import org.dealerplatform.customer.vehicle.Vehicle;
import org.dealerplatform.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The customer 360 (CUS-7): the file plus everything other services told about the customer, from events only. */
@RestController
@RequestMapping("/api/customers/{id}/360")
@Tag(name = "Customer 360", description = "CUS-7")
public class Customer360Controller {

    private final CustomerFiles files;
    private final CustomerHistory history;
    private final PurchaseLedger ledger;

    public Customer360Controller(CustomerFiles files, CustomerHistory history, PurchaseLedger ledger) {
        this.files = files;
        this.history = history;
        this.ledger = ledger;
    }

    /** One answer with the file and its histories. */
    public record Customer360(CustomerView customer, List<Purchase> purchases, List<Map<String, Object>> maintenance,
            List<Map<String, Object>> nextServiceDue, List<Map<String, Object>> campaignInvitations,
            List<Map<String, Object>> followUpCalls, List<Map<String, Object>> contactHistory) {
    }

    @GetMapping
    @Operation(summary = "The file with purchases, maintenance history, next service due of the vehicles the customer owns now, campaign invitations, follow-up calls and contact history")
    public Customer360 get(@PathVariable String id, Caller caller) {
        Customer customer = files.visible(id, caller);
        Map<HistoryKind, List<Map<String, Object>>> facts = history.of(customer.id());
        Set<String> owned = customer.vehicles().stream().map(Vehicle::vin).collect(Collectors.toSet());
        // CUS-9: a vehicle sold on is no longer this customer's to service
        List<Map<String, Object>> nextDue = facts.get(HistoryKind.NEXT_SERVICE_DUE).stream()
                .filter(d -> owned.contains(String.valueOf(d.get("vin")))).toList();
        List<Map<String, Object>> contacts = facts.get(HistoryKind.CONTACT).stream().map(Customer360Controller::withStatus).toList();
        return new Customer360(CustomerView.of(customer), ledger.activePurchases(customer.id()),
                facts.get(HistoryKind.MAINTENANCE), nextDue, facts.get(HistoryKind.CAMPAIGN_INVITATION),
                facts.get(HistoryKind.FOLLOW_UP_CALL), contacts);
    }

    /** Delivery status from the facts gathered, whatever order the events arrived in. */
    private static Map<String, Object> withStatus(Map<String, Object> contact) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(contact);
        String status = contact.get("failedStatus") != null ? String.valueOf(contact.get("failedStatus"))
                : contact.get("deliveredAt") != null ? "DELIVERED" : "SENT";
        copy.put("status", status);
        return copy;
    }
}
