package org.dealerplatform.customer.overdue.web;

import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.dealerplatform.customer.customer.Customer;
import org.dealerplatform.customer.customer.persistence.CustomerStore;
import org.dealerplatform.customer.customer.web.CustomerView;
import org.dealerplatform.customer.overdue.application.OverdueFileCheck;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Overdue customer files per branch (CUS-2), oldest deadline first. */
@RestController
@RequestMapping("/api/customers/overdue")
@Validated
@Tag(name = "Two-day rule", description = "CUS-2")
public class OverdueController {

    private final MongoTemplate mongo;
    private final Clock clock;

    public OverdueController(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Files of the caller's branch (HQ: any, or ?branchId=) that are incomplete past their deadline (visit date + 2 days, end of day Asia/Shanghai)")
    public PageResponse<CustomerView> overdue(@RequestParam(required = false) String branchId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, Caller caller) {
        Criteria criteria = OverdueFileCheck.overdueAt(clock.instant());
        if (branchId != null && !branchId.isBlank()) {
            criteria = criteria.and(BranchScope.FIELD).is(branchId);
        }
        Query query = Query.query(BranchScope.of(caller, criteria));
        long total = mongo.count(query, CustomerStore.COLLECTION);
        query.with(Sort.by("fileDeadline", "_id")).skip((long) page * size).limit(size);
        return PageResponse.of(mongo.find(query, Customer.class, CustomerStore.COLLECTION), page, size, total)
                .map(CustomerView::of);
    }
}
