package org.dealerplatform.sales.sale.persistence;

import java.time.LocalDate;
import java.util.List;

import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.sales.sale.Sale;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Sales in collection {@code sales}; events to {@code sales.sale.events}. */
@Component
public class SaleStore extends AggregateStore<Sale> {

    public static final String COLLECTION = "sales";
    public static final String TOPIC = "sales.sale.events";

    public SaleStore(OutboxSupport support) {
        super(support, Sale.class, COLLECTION, TOPIC);
        mongo().indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("saleDate", Sort.Direction.ASC).named("branch_date"));
        mongo().indexOps(COLLECTION).createIndex(new Index().on("salespeople.salespersonId", Sort.Direction.ASC)
                .named("salesperson"));
    }

    /** Search filter; every field optional. */
    public record Filter(String branchId, String salespersonId, LocalDate from, LocalDate to) {
    }

    public List<Sale> search(Caller caller, Filter filter, int page, int size) {
        return mongo().find(query(caller, filter).with(Sort.by(Sort.Direction.DESC, "saleDate").and(Sort.by("_id")))
                .skip((long) page * size).limit(size), Sale.class, COLLECTION);
    }

    public long count(Caller caller, Filter filter) {
        return mongo().count(query(caller, filter), COLLECTION);
    }

    /** The sales of one branch on one day (morning report, SAL-8). */
    public List<Sale> ofBranchOn(String branchId, LocalDate day) {
        return mongo().find(Query.query(Criteria.where(BranchScope.FIELD).is(branchId).and("saleDate").is(day))
                .with(Sort.by("_id")), Sale.class, COLLECTION);
    }

    private static Query query(Caller caller, Filter filter) {
        Criteria criteria = new Criteria();
        if (filter.branchId() != null) {
            criteria = criteria.and(BranchScope.FIELD).is(filter.branchId());
        }
        if (filter.salespersonId() != null) {
            criteria = criteria.and("salespeople.salespersonId").is(filter.salespersonId());
        }
        if (filter.from() != null || filter.to() != null) {
            Criteria date = criteria.and("saleDate");
            if (filter.from() != null) {
                date = date.gte(filter.from());
            }
            if (filter.to() != null) {
                date = date.lte(filter.to());
            }
        }
        return Query.query(BranchScope.of(caller, criteria));
    }
}
