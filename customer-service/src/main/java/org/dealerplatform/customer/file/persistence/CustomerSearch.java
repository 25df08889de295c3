package org.dealerplatform.customer.file.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.CustomerClass;
import org.dealerplatform.customer.file.CustomerType;
import org.dealerplatform.customer.vehicle.VehicleCategory;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Searches active customer files within what the caller may see (CUS-4, CUS-8). */
@Component
public class CustomerSearch {

    private final MongoTemplate mongo;

    public CustomerSearch(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Filters; every one is optional. {@code name} matches from the start of the name. */
    public record Filter(String name, String mobile, String plate, String vin, CustomerClass customerClass,
            CustomerType type, VehicleCategory category, String branchId) {
    }

    public PageResponse<Customer> search(Caller caller, Filter filter, int page, int size, Sort sort) {
        if (filter.mobile() != null) {
            return byMobile(caller, filter, page, size);
        }
        List<Criteria> criteria = new ArrayList<>();
        criteria.add(Criteria.where("status").is(Customer.Status.ACTIVE.name())); // not merged, not erased (SEC-9)
        if (filter.name() != null && !filter.name().isBlank()) {
            criteria.add(Criteria.where("name").regex("^" + Pattern.quote(filter.name().strip())));
        }
        if (filter.mobile() != null) {
            criteria.add(Criteria.where("mobile").is(filter.mobile()));
        }
        if (filter.plate() != null) {
            criteria.add(Criteria.where("vehicles.plate").is(filter.plate()));
        }
        if (filter.vin() != null) {
            criteria.add(Criteria.where("vehicles.vin").is(filter.vin()));
        }
        if (filter.customerClass() != null) {
            criteria.add(Criteria.where("customerClass").is(filter.customerClass().name()));
        }
        if (filter.type() != null) {
            criteria.add(Criteria.where("type").is(filter.type().name()));
        }
        if (filter.category() != null) {
            criteria.add(Criteria.where("vehicles.category").is(filter.category().name()));
        }
        if (filter.branchId() != null && !filter.branchId().isBlank()) {
            criteria.add(Criteria.where(BranchScope.FIELD).is(filter.branchId()));
        }
        Query query = Query.query(BranchScope.of(caller, new Criteria().andOperator(criteria)));
        long total = mongo.count(query, CustomerStore.COLLECTION);
        query.with(sort).skip((long) page * size).limit(size);
        return PageResponse.of(mongo.find(query, Customer.class, CustomerStore.COLLECTION), page, size, total);
    }

    /**
     * Issue 10: a search by mobile is the front desk's most frequent one, and at most one file holds a mobile (CUS-6).
     * The file is read by the unique index (a query whose keys are the index's keys: a lookup, not a scan of every file
     * on the embedded server, nor a count by aggregation), then held against the other filters and the caller's branch.
     */
    private PageResponse<Customer> byMobile(Caller caller, Filter filter, int page, int size) {
        Customer file = mongo.findOne(Query.query(Criteria.where("mobile").is(filter.mobile())), Customer.class,
                CustomerStore.COLLECTION);
        List<Customer> found = file != null && matches(caller, filter, file) ? List.of(file) : List.of();
        return PageResponse.of(page == 0 ? found : List.of(), page, size, found.size());
    }

    /** The search's filters and the branch scope ({@link BranchScope}), for one file in hand. */
    static boolean matches(Caller caller, Filter filter, Customer file) {
        String name = filter.name() == null ? "" : filter.name().strip();
        return (caller.isHq() || caller.branchId().equals(file.branchId()))
                && file.status() == Customer.Status.ACTIVE
                && (filter.mobile() == null || filter.mobile().equals(file.mobile()))
                && (name.isEmpty() || (file.name() != null && file.name().startsWith(name)))
                && (filter.plate() == null || file.vehicles().stream().anyMatch(v -> filter.plate().equals(v.plate())))
                && (filter.vin() == null || file.vehicles().stream().anyMatch(v -> filter.vin().equals(v.vin())))
                && (filter.customerClass() == null || filter.customerClass() == file.customerClass())
                && (filter.type() == null || filter.type() == file.type())
                && (filter.category() == null || file.vehicles().stream().anyMatch(v -> filter.category() == v.category()))
                && (filter.branchId() == null || filter.branchId().isBlank() || filter.branchId().equals(file.branchId()));
    }
}
