package org.dealerplatform.notification.campaign;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The campaigns of collection {@code campaigns} ({@code _id} = campaign id): the facts their invitations are rendered
 * with (issue 10). Written by an {@code _id} upsert of what {@code CampaignLaunched} says (a campaign's content does not
 * change once launched, so a redelivery writes the same); read by {@code _id} on the dispatch path.
 */
@Component
public class CampaignReplica {

    public static final String COLLECTION = "campaigns";

    /** The template facts a campaign gives each of its invitations. */
    public record CampaignFacts(String campaignId, String branchId, String campaignName, String content,
            String startDate, String endDate, String address) {

        public Map<String, String> asFacts() {
            Map<String, String> facts = new LinkedHashMap<>();
            put(facts, "campaignId", campaignId);
            put(facts, "campaignName", campaignName);
            put(facts, "content", content);
            put(facts, "startDate", startDate);
            put(facts, "endDate", endDate);
            put(facts, "address", address);
            return facts;
        }

        private static void put(Map<String, String> facts, String key, String value) {
            if (value != null) {
                facts.put(key, value);
            }
        }
    }

    private final MongoTemplate mongo;

    public CampaignReplica(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void save(CampaignFacts campaign) {
        mongo.upsert(Query.query(Criteria.where("_id").is(campaign.campaignId())), new Update()
                .set("branchId", campaign.branchId()).set("campaignName", campaign.campaignName())
                .set("content", campaign.content()).set("startDate", campaign.startDate())
                .set("endDate", campaign.endDate()).set("address", campaign.address()), COLLECTION);
    }

    public Optional<CampaignFacts> find(String campaignId) {
        if (campaignId == null) {
            return Optional.empty();
        }
        Document d = mongo.findById(campaignId, Document.class, COLLECTION);
        return d == null ? Optional.empty() : Optional.of(new CampaignFacts(campaignId, d.getString("branchId"),
                d.getString("campaignName"), d.getString("content"), d.getString("startDate"), d.getString("endDate"),
                d.getString("address")));
    }
}
