package org.dealerplatform.aftersales.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.dealerplatform.platform.events.DomainEvent;

/**
 * Events of campaigns and their invitations, published on {@code aftersales.campaign.events}: {@link CampaignLaunched}
 * with key = campaign id, {@link CampaignInvitationRequested} (v2) with key = invitation id
 * {@code <campaignId>:<customerId>}. The v1 invitation (content in every invitation) is no longer produced; consumers
 * still read it (issue 10).
 */
public sealed interface CampaignEvents extends DomainEvent {

    /**
     * A campaign was launched for the first time: what every invitation of it says, carried once (AFT-4, issue 10).
     * Consumers keep it to render the invitations that only name the campaign.
     */
    record CampaignLaunched(String campaignId, String branchId, CampaignType type, String campaignName, String content,
            LocalDate startDate, LocalDate endDate, String address, List<String> channels, Instant launchedAt)
            implements CampaignEvents {
    }

    /**
     * A launch invites one customer (AFT-4, AFT-6, AFT-8); reason key campaign:<campaignId>:<customerId>. Version 2:
     * it names the campaign instead of carrying its content (see {@link CampaignLaunched}).
     */
    record CampaignInvitationRequested(String campaignId, String customerId, String branchId, String vin,
            String reasonKey, String launchId) implements CampaignEvents {

        @Override
        public int eventVersion() {
            return 2;
        }
    }
}
