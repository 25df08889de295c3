package org.dealerplatform.aftersales.campaign.persistence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.dealerplatform.aftersales.campaign.CampaignInvitation;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Campaign invitations in collection {@code campaign_invitations} ({@code _id} = {@code <campaignId>:<customerId>}),
 * each the outbox of its own {@code CampaignInvitationRequested.v2} on {@code aftersales.campaign.events} (key = the
 * invitation id). The launch job reads them by {@code _id} only, in batches of at most {@value #IN_BATCH} (issue 10:
 * the embedded server's {@code $in} costs k²).
 */
@Component
public class InvitationStore extends AggregateStore<CampaignInvitation> {

    public static final String COLLECTION = "campaign_invitations";
    static final int IN_BATCH = 100;

    public InvitationStore(OutboxSupport support) {
        super(support, CampaignInvitation.class, COLLECTION, CampaignStore.TOPIC);
        // the next-steps read of one customer's invitations (staff read, off the hot path; scans on the embedded server)
        mongo().indexOps(COLLECTION).createIndex(new Index().on("customerId", Sort.Direction.ASC)
                .on("campaignId", Sort.Direction.ASC).named("customer_campaign"));
    }

    /** Of the given invitation ids, those that exist, with the launch that made each. */
    public Map<String, String> launchesOf(List<String> ids) {
        Map<String, String> existing = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_BATCH) {
            Query query = Query.query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + IN_BATCH))));
            query.fields().include("launchId");
            for (Document invitation : mongo().find(query, Document.class, COLLECTION)) {
                existing.put(invitation.getString("_id"), String.valueOf(invitation.get("launchId")));
            }
        }
        return existing;
    }

    /** The campaign ids a customer is invited to, among the campaigns the criteria admit (branch scope). */
    public List<String> campaignIdsOf(String customerId, Caller caller, int limit) {
        Query query = Query.query(BranchScope.of(caller, Criteria.where("customerId").is(customerId)))
                .limit(limit);
        query.fields().include("campaignId");
        return mongo().find(query, Document.class, COLLECTION).stream().map(d -> d.getString("campaignId")).toList();
    }
}
