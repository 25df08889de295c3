package org.dealerplatform.customer.classification.persistence;

import java.time.LocalDate;
import java.util.List;

import org.bson.Document;
import org.dealerplatform.customer.classification.Purchase;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The per-customer purchase ledger built from sales events (CUS-3, CUS-7): one document per sale ({@code _id} =
 * saleId). Each change applies only if the sale's aggregate version is newer than the one stored, so a redelivered or
 * replayed SaleRecorded / SaleCancelled / SaleCorrected changes nothing and a late older event cannot undo a newer one.
 */
@Component
public class PurchaseLedger {

    public static final String COLLECTION = "purchases";
    static final String MARK = "saleVersion";

    private final MongoTemplate mongo;
    private final IdempotentWrites writes;

    public PurchaseLedger(MongoTemplate mongo, IdempotentWrites writes) {
        this.mongo = mongo;
        this.writes = writes;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("customerId", Sort.Direction.ASC).named("customer"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("saleDate", Sort.Direction.ASC).named("sale_date"));
    }

    /** A sale as recorded or corrected. */
    public record Sale(String saleId, String customerId, String branchId, long amountFen, LocalDate saleDate, String vin,
            String model, String segment) {
    }

    /**
     * Records or corrects a sale; returns the customer it belonged to before (for a correction moving it), or null.
     * REL-2: the ledger remembers whom a correction moved the sale from ({@code movedFrom}), so a replay of that
     * correction, after the ledger was written and before that customer was re-evaluated, still names them.
     */
    public String recordOrCorrect(Sale sale, String eventId, long saleVersion) {
        Document before = mongo.findById(sale.saleId(), Document.class, COLLECTION);
        String beforeCustomer = before == null ? null : before.getString("customerId");
        Update update = new Update()
                .set("customerId", sale.customerId())
                .set("branchId", sale.branchId())
                .set("amountFen", sale.amountFen())
                .set("saleDate", sale.saleDate().toString())
                .set("vin", sale.vin())
                .set("model", sale.model())
                .set("segment", sale.segment())
                .set("status", "ACTIVE");
        if (beforeCustomer != null && !beforeCustomer.equals(sale.customerId())) {
            update.set("movedFrom", beforeCustomer);
        }
        apply(sale.saleId(), eventId, saleVersion, update);
        if (beforeCustomer != null && !beforeCustomer.equals(sale.customerId())) {
            return beforeCustomer;
        }
        // a replay: the customer it was moved from (re-evaluating them again is harmless, missing them is not)
        return before == null ? null : before.getString("movedFrom");
    }

    /** Marks a sale cancelled: it no longer counts anywhere. */
    public void cancel(String saleId, String customerId, String branchId, String eventId, long saleVersion) {
        apply(saleId, eventId, saleVersion, new Update().set("status", "CANCELLED").setOnInsert("customerId", customerId)
                .setOnInsert("branchId", branchId));
    }

    private void apply(String saleId, String eventId, long saleVersion, Update update) {
        if (saleVersion > 0) {
            writes.applyIfNewer(COLLECTION, saleId, MARK, saleVersion, update);
        } else {
            writes.applyOnce(COLLECTION, saleId, eventId, update);
        }
    }

    /** Moves every purchase of a merged-away file to the surviving one (CUS-6). */
    public void moveCustomer(String from, String to) {
        mongo.updateMulti(Query.query(Criteria.where("customerId").is(from)), new Update().set("customerId", to), COLLECTION);
    }

    /** The customer's active (not cancelled) purchases, oldest first. */
    public List<Purchase> activePurchases(String customerId) {
        Query query = Query.query(Criteria.where("customerId").is(customerId).and("status").is("ACTIVE"))
                .with(Sort.by("saleDate", "_id"));
        return mongo.find(query, Document.class, COLLECTION).stream().map(PurchaseLedger::purchase).toList();
    }

    /** Customers with an active purchase dated on or after {@code since} (the daily pass re-evaluates them). */
    public List<String> customersWithPurchasesSince(LocalDate since) {
        Query query = Query.query(Criteria.where("status").is("ACTIVE").and("saleDate").gte(since.toString()));
        return mongo.findDistinct(query, "customerId", COLLECTION, String.class);
    }

    private static Purchase purchase(Document d) {
        Number amount = d.get("amountFen", Number.class);
        return new Purchase(d.getString("_id"), LocalDate.parse(d.getString("saleDate")),
                amount == null ? 0 : amount.longValue(), d.getString("vin"), d.getString("model"));
    }
}
