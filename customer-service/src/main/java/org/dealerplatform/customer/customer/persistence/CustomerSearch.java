package org.dealerplatform.customer.customer.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.dealerplatform.customer.customer.Customer;
import org.dealerplatform.customer.customer.CustomerType;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Searches customer files within what the caller may see (CUS-8), newest first or by name. */
@Component
public class CustomerSearch {

    private final MongoTemplate mongo;

    public CustomerSearch(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Filters; every one is optional. {@code name} matches from the start of the name. */
    public record Filter(String name, String mobile, CustomerType type, String branchId) {
    }

    public PageResponse<Customer> search(Caller caller, Filter filter, int page, int size, Sort sort) {
        List<Criteria> criteria = new ArrayList<>();
        if (filter.name() != null && !filter.name().isBlank()) {
            criteria.add(Criteria.where("name").regex("^" + Pattern.quote(filter.name().strip())));
        }
        if (filter.mobile() != null) {
            criteria.add(Criteria.where("mobile").is(filter.mobile()));
        }
        if (filter.type() != null) {
            criteria.add(Criteria.where("type").is(filter.type().name()));
        }
        if (filter.branchId() != null && !filter.branchId().isBlank()) {
            criteria.add(Criteria.where(BranchScope.FIELD).is(filter.branchId()));
        }
        Criteria where = criteria.isEmpty() ? new Criteria() : new Criteria().andOperator(criteria);
        Query query = Query.query(BranchScope.of(caller, where));
        long total = mongo.count(query, CustomerStore.COLLECTION);
        query.with(sort).skip((long) page * size).limit(size);
        return PageResponse.of(mongo.find(query, Customer.class, CustomerStore.COLLECTION), page, size, total);
    }
}
