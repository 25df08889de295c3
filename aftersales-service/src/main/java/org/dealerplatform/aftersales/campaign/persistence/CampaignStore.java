package org.dealerplatform.aftersales.campaign.persistence;

import java.util.List;

import org.dealerplatform.aftersales.campaign.Campaign;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.BranchScope;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Campaigns in collection {@code campaigns}; events to {@code aftersales.campaign.events} (key = campaign id). */
@Component
public class CampaignStore extends AggregateStore<Campaign> {

    public static final String COLLECTION = "campaigns";
    public static final String TOPIC = "aftersales.campaign.events";

    public CampaignStore(OutboxSupport support) {
        super(support, Campaign.class, COLLECTION, TOPIC);
        mongo().indexOps(COLLECTION).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("startDate", Sort.Direction.DESC).named("branch_start"));
    }

    public List<Campaign> find(Criteria criteria, int skip, int limit) {
        return mongo().find(Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "startDate").and(Sort.by("_id")))
                .skip(skip).limit(limit), Campaign.class, COLLECTION);
    }

    /**
     * The customers a campaign stored before issue 10 invited inside its own document ({@code invitedCustomerIds}); a
     * launch treats them as invited by an earlier launch, so an upgrade invites nobody twice. Empty for newer campaigns.
     */
    public List<String> invitedBeforeInvitationDocuments(String campaignId) {
        Query query = Query.query(Criteria.where("_id").is(campaignId));
        query.fields().include("invitedCustomerIds");
        org.bson.Document document = mongo().findOne(query, org.bson.Document.class, COLLECTION);
        List<String> legacy = document == null ? null : document.getList("invitedCustomerIds", String.class);
        return legacy == null ? List.of() : legacy;
    }

    public long count(Criteria criteria) {
        return mongo().count(Query.query(criteria), COLLECTION);
    }
}
