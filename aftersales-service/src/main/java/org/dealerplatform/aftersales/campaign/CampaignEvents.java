package org.dealerplatform.aftersales.campaign;

import java.time.LocalDate;

import org.dealerplatform.platform.events.DomainEvent;

/** Events of campaigns, published on {@code aftersales.campaign.events} with key = campaign id. */
public sealed interface CampaignEvents extends DomainEvent {

    /** A launched campaign invites one customer (AFT-4, AFT-6, AFT-8); reason key campaign:<campaignId>:<customerId>. */
    record CampaignInvitationRequested(String campaignId, String customerId, String branchId, String campaignName,
            String content, LocalDate startDate, LocalDate endDate, String address, String vin, String reasonKey)
            implements CampaignEvents {
    }
}
