package org.dealerplatform.notification.campaign.application;

import org.dealerplatform.notification.campaign.CampaignReplica;
import org.dealerplatform.notification.outbound.delivery.Dispatcher;
import org.springframework.stereotype.Service;

/**
 * {@code CampaignLaunched}: the campaign joins the replica (issue 10), and the dispatcher is woken, since invitations of
 * it may be waiting.
 */
@Service
public class CampaignsLaunched {

    private final CampaignReplica campaigns;
    private final Dispatcher dispatcher;

    public CampaignsLaunched(CampaignReplica campaigns, Dispatcher dispatcher) {
        this.campaigns = campaigns;
        this.dispatcher = dispatcher;
    }

    public void launched(CampaignReplica.CampaignFacts campaign) {
        campaigns.save(campaign);
        dispatcher.wake();
    }
}
