package org.dealerplatform.sales.market.persistence;

import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.dealerplatform.sales.market.MarketTotal;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Market totals in collection {@code market_totals}, one document per region, segment and month (group data, HQ only). */
@Component
public class MarketTotalStore {

    public static final String COLLECTION = "market_totals";

    private final MongoTemplate mongo;

    public MarketTotalStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void save(MarketTotal total, String by) {
        mongo.save(new Document("_id", total.id()).append("regionId", total.regionId()).append("segment", total.segment())
                .append("category", total.category()).append("month", total.month().toString()).append("units", total.units()).append("enteredBy", by), COLLECTION);
    }

    /** The totals with the given ids (point reads). */
    public Map<String, MarketTotal> byId(Collection<String> ids) {
        Map<String, MarketTotal> totals = new HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, COLLECTION)
                .forEach(d -> totals.put(d.getString("_id"), total(d)));
        return totals;
    }

    public List<MarketTotal> ofYear(int year) {
        return mongo.find(Query.query(Criteria.where("month").gte(year + "-01").lte(year + "-12")).with(Sort.by("_id")),
                Document.class, COLLECTION).stream().map(MarketTotalStore::total).toList();
    }

    private static MarketTotal total(Document d) {
        return new MarketTotal(d.getString("regionId"), d.getString("segment"), d.getString("category"),
                YearMonth.parse(d.getString("month")),
                d.get("units", Number.class).longValue());
    }
}
