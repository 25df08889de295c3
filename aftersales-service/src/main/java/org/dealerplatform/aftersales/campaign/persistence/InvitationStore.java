package org.dealerplatform.aftersales.campaign.persistence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.dealerplatform.aftersales.campaign.CampaignInvitation;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Campaign invitations in collection {@code campaign_invitations} ({@code _id} = {@code <campaignId>:<customerId>}),
 * each the outbox of its own {@code CampaignInvitationRequested.v2} on {@code aftersales.campaign.events} (key = the
 * invitation id). The launch job reads them by {@code _id} only, in batches of at most {@value #IN_BATCH} (issue 10:
 * the embedded server's {@code $in} costs k²). A customer's campaigns are listed in {@value #BY_CUSTOMER}
 * ({@code _id} = customer id), announced before each write, so the next-steps read is one {@code _id} lookup instead
 * of a query on {@code customerId} that the embedded server answers by scanning every invitation.
 */
@Component
public class InvitationStore extends AggregateStore<CampaignInvitation> {

    public static final String COLLECTION = "campaign_invitations";
    public static final String BY_CUSTOMER = "campaign_invitations_by_customer";
    static final int IN_BATCH = 100;

    public InvitationStore(OutboxSupport support) {
        super(support, CampaignInvitation.class, COLLECTION, CampaignStore.TOPIC);
    }

    /**
     * Lists each invitation's campaign under its customer before the invitation is written (the outbox's rule: a crash
     * between the two leaves an entry whose invitation the resumed launch job writes, never a missing entry).
     */
    @Override
    protected void beforeCommit(List<CampaignInvitation> invitations) {
        if (invitations.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo().bulkOps(BulkOperations.BulkMode.UNORDERED, BY_CUSTOMER);
        for (CampaignInvitation invitation : invitations) {
            bulk.upsert(Query.query(Criteria.where("_id").is(invitation.customerId())),
                    new Update().addToSet("campaignIds", invitation.campaignId()));
        }
        bulk.execute();
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

    /**
     * The latest {@code limit} campaign ids a customer is invited to (an {@code _id} lookup); the caller's branch is
     * checked on the campaigns themselves ({@link CampaignStore#openOf}).
     */
    public List<String> campaignIdsOf(String customerId, int limit) {
        Document listed = mongo().findById(customerId, Document.class, BY_CUSTOMER);
        List<String> ids = listed == null ? List.of() : listed.getList("campaignIds", String.class, List.of());
        return ids.subList(Math.max(0, ids.size() - limit), ids.size());
    }
}
