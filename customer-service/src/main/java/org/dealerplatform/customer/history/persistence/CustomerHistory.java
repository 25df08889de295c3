package org.dealerplatform.customer.history.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.history.HistoryKind;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The customer-360 projection (CUS-7): one document per business fact, keyed by its reason ({@code _id =
 * maintenance:<workOrderId>}, {@code next-due:<vin>}, {@code campaign:<campaignId>:<customerId>},
 * {@code follow-up:<callId>}, {@code contact:<notificationId>}). Every write is an upsert of the fact's fields under
 * that key, so a redelivered or replayed event rewrites the same values and never adds a second entry.
 */
@Component
public class CustomerHistory {

    public static final String COLLECTION = "customer_history";

    private final MongoTemplate mongo;
    private final CustomerStore customers;

    public CustomerHistory(MongoTemplate mongo, CustomerStore customers) {
        this.mongo = mongo;
        this.customers = customers;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("customerId", Sort.Direction.ASC).named("customer"));
    }

    /** The campaigns whose invitations the timeline shows (issue 10: CampaignLaunched), {@code _id} = campaign id. */
    public static final String CAMPAIGNS = "history_campaigns";

    /** Keeps what a launched campaign's invitations show: name, period, address (not its content). */
    public void campaignLaunched(String campaignId, Map<String, Object> fields) {
        Update update = new Update();
        fields.forEach(update::set);
        mongo.upsert(Query.query(Criteria.where("_id").is(campaignId)), update, CAMPAIGNS);
    }

    /** A launched campaign by {@code _id}, or null when its CampaignLaunched has not arrived (yet). */
    public Document campaign(String campaignId) {
        return campaignId == null ? null : mongo.findById(campaignId, Document.class, CAMPAIGNS);
    }

    /** Upserts the fact {@code key} of {@code kind} with the given fields. */
    public void put(String key, HistoryKind kind, String customerId, String branchId, String date,
            Map<String, Object> fields) {
        // a fact about a merged-away file belongs to its survivor (CUS-6)
        Update update = new Update().set("kind", kind.name()).set("customerId", customers.currentId(customerId)).set("branchId", branchId);
        if (date != null) {
            update.set("date", date);
        }
        fields.forEach((name, value) -> update.set("details." + name, value));
        mongo.upsert(Query.query(Criteria.where("_id").is(key)), update, COLLECTION);
    }

    /** Moves every fact of a merged-away file to the surviving one (CUS-6). */
    public void moveCustomer(String from, String to) {
        mongo.updateMulti(Query.query(Criteria.where("customerId").is(from)), new Update().set("customerId", to), COLLECTION);
    }

    /** Every fact of a customer, grouped by kind, newest first. */
    public Map<HistoryKind, List<Map<String, Object>>> of(String customerId) {
        Map<HistoryKind, List<Map<String, Object>>> byKind = new LinkedHashMap<>();
        for (HistoryKind kind : HistoryKind.values()) {
            byKind.put(kind, new java.util.ArrayList<>());
        }
        Query query = Query.query(Criteria.where("customerId").is(customerId)).with(Sort.by(Sort.Direction.DESC, "date", "_id"));
        for (Document d : mongo.find(query, Document.class, COLLECTION)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", d.getString("_id"));
            entry.put("date", d.getString("date"));
            Object details = d.get("details");
            if (details instanceof Document doc) {
                entry.putAll(doc);
            }
            byKind.get(HistoryKind.valueOf(d.getString("kind"))).add(entry);
        }
        return byKind;
    }
}
