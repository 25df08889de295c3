package org.dealerplatform.aftersales.campaign.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.dealerplatform.aftersales.campaign.Campaign;
import org.dealerplatform.aftersales.campaign.CampaignType;
import org.dealerplatform.platform.outbox.AggregateStore;
import org.dealerplatform.platform.outbox.OutboxSupport;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.PageResponse;
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

    /** One page of the campaigns the caller may see, of {@code type} if given, latest start first. */
    public PageResponse<Campaign> search(Caller caller, CampaignType type, int page, int size) {
        Criteria where = BranchScope.of(caller, type == null ? new Criteria() : Criteria.where("type").is(type.name()));
        List<Campaign> content = mongo().find(Query.query(where)
                .with(Sort.by(Sort.Direction.DESC, "startDate").and(Sort.by("_id"))).skip((long) page * size)
                .limit(size), Campaign.class, COLLECTION);
        return PageResponse.of(content, page, size, mongo().count(Query.query(where), COLLECTION));
    }

    /**
     * Of the campaigns {@code ids}, those the caller may see that have not ended by {@code today}, latest start first;
     * read by {@code _id} (batches of 100), then filtered.
     */
    public List<Campaign> openOf(Caller caller, List<String> ids, LocalDate today) {
        List<Campaign> open = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 100) {
            for (Campaign campaign : mongo().find(Query.query(Criteria.where("_id")
                    .in(ids.subList(from, Math.min(ids.size(), from + 100)))), Campaign.class, COLLECTION)) {
                if (caller.canSee(campaign.branchId()) && !campaign.endDate().isBefore(today)) {
                    open.add(campaign);
                }
            }
        }
        open.sort(Comparator.comparing(Campaign::startDate).reversed().thenComparing(Campaign::id));
        return open;
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

}
