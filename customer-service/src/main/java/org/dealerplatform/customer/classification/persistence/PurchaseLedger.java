package org.dealerplatform.customer.classification.persistence;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.dealerplatform.customer.classification.Purchase;
import org.dealerplatform.platform.consumer.IdempotentWrites;
import org.dealerplatform.platform.outbox.KeyedListing;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
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

    /** Each customer's sale ids ({@link KeyedListing}). */
    public static final String BY_CUSTOMER = COLLECTION + "_by_customerId";

    private final MongoTemplate mongo;
    private final IdempotentWrites writes;
    /**
     * Issue 10: each customer's sale ids, announced before a sale is written under a customer, so the per-customer read
     * of every re-classification (CUS-3) and a merge (CUS-6) read the customer's purchases by {@code _id} instead of
     * scanning the ledger.
     */
    private final KeyedListing customerPurchases;

    public PurchaseLedger(MongoTemplate mongo, IdempotentWrites writes) {
        this.mongo = mongo;
        this.writes = writes;
        this.customerPurchases = new KeyedListing(mongo, COLLECTION, "customerId");
        customerPurchases.buildOnce();
        mongo.indexOps(COLLECTION).createIndex(new Index().on("saleDate", Sort.Direction.ASC).named("sale_date"));
        // CUS-6: moving a purchase to the surviving file is a write on {_id, customerId}; with a unique index of exactly
        // those keys it is a point write on the embedded server too (issue 10)
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on("customerId", Sort.Direction.ASC)
                .unique().named("id_customer"));
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
        if (!sale.customerId().equals(beforeCustomer)) { // new, or moved: listed under its customer before the write
            customerPurchases.announce(sale.customerId(), sale.saleId());
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
        customerPurchases.announce(customerId, saleId); // a cancellation seen first creates the purchase under its customer
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
        List<String> ids = customerPurchases.recordsOf(from).stream().map(d -> d.getString("_id")).toList();
        if (ids.isEmpty()) {
            return;
        }
        customerPurchases.announceAll(Map.of(to, ids));
        // each still of the merged-away file when written (a correction may have moved it meanwhile): {_id, customerId}
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        ids.forEach(id -> bulk.updateOne(Query.query(Criteria.where("_id").is(id).and("customerId").is(from)),
                new Update().set("customerId", to)));
        bulk.execute();
    }

    /** The customer's active (not cancelled) purchases, oldest first. */
    public List<Purchase> activePurchases(String customerId) {
        // issue 10: by _id from the customer's listing, not a scan of the ledger; same order as before (saleDate, _id)
        return customerPurchases.recordsOf(customerId).stream()
                .filter(d -> "ACTIVE".equals(d.getString("status")))
                .sorted(Comparator.comparing((Document d) -> d.getString("saleDate"))
                        .thenComparing(d -> d.getString("_id")))
                .map(PurchaseLedger::purchase).toList();
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
