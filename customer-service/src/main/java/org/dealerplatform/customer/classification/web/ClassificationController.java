package org.dealerplatform.customer.classification.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dealerplatform.customer.classification.ClassificationRules;
import org.dealerplatform.customer.classification.Purchase;
import org.dealerplatform.customer.classification.RuleVersion;
import org.dealerplatform.customer.classification.application.Reclassification;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.CustomerClass;
import org.dealerplatform.customer.file.web.CustomerFiles;
import org.dealerplatform.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** "Why is this customer VIP?" (CUS-10): the rule version, the window and the sales that counted. */
@RestController
@RequestMapping("/api/customers/{id}/classification")
@Tag(name = "Classification", description = "CUS-3, CUS-10")
public class ClassificationController {

    private final CustomerFiles files;
    private final Reclassification reclassification;

    public ClassificationController(CustomerFiles files, Reclassification reclassification) {
        this.files = files;
        this.reclassification = reclassification;
    }

    /** The explanation as JSON. */
    public record Explanation(String customerId, CustomerClass storedClass, CustomerClass currentClass,
            RuleVersion rule, LocalDate windowStart, LocalDate windowEnd, long purchaseAmountFen, int purchaseCount,
            List<Purchase> countedSales) {
    }

    @GetMapping
    @Operation(summary = "Explain the customer's class: rule version and thresholds, the trailing 12-month window, the sales that counted (CUS-10)")
    public Explanation explain(@PathVariable String id, Caller caller) {
        Customer customer = files.visible(id, caller);
        ClassificationRules.Classification c = reclassification.explain(customer.id());
        return new Explanation(customer.id(), customer.customerClass(), c.customerClass(), c.rule(), c.windowStart(),
                c.windowEnd(), c.purchaseAmountFen(), c.purchaseCount(), c.countedSales());
    }
}
