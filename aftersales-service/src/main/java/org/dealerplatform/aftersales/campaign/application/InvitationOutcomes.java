package org.dealerplatform.aftersales.campaign.application;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.aftersales.campaign.Campaign;
import org.dealerplatform.aftersales.campaign.persistence.CampaignStore;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.springframework.stereotype.Service;

/**
 * AFT-8: what became of a campaign invitation decides whether it keeps its workshop slot. An invitation that
 * notification-service suppressed or that failed for good, or one that went out only after the campaign's last day,
 * brings nobody to the workshop: its slot is given back, once per invitation, so the next launch can invite someone else.
 */
@Service
public class InvitationOutcomes {

    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    private final CampaignStore campaigns;
    private final MeterRegistry meters;

    public InvitationOutcomes(CampaignStore campaigns, MeterRegistry meters) {
        this.campaigns = campaigns;
        this.meters = meters;
    }

    /** NotificationFailed (status FAILED, BOUNCED or SUPPRESSED) of a campaign invitation: the slot is free again. */
    public boolean undelivered(String reasonKey, IncomingEvent event) {
        return release(reasonKey, event, "undelivered");
    }

    /** NotificationSent of a campaign invitation: sent after the campaign's last day, it gives its slot back. */
    public boolean sent(String reasonKey, Instant sentAt, IncomingEvent event) {
        String[] key = Campaign.parseReasonKey(reasonKey);
        if (key == null || sentAt == null) {
            return false;
        }
        Campaign campaign = campaigns.findById(key[0]).orElse(null);
        if (campaign == null || !LocalDate.ofInstant(sentAt, BUSINESS_ZONE).isAfter(campaign.endDate())) {
            return false;
        }
        return release(reasonKey, event, "sent-after-end");
    }

    private boolean release(String reasonKey, IncomingEvent event, String why) {
        String[] key = Campaign.parseReasonKey(reasonKey);
        if (key == null) {
            return false; // not a campaign invitation
        }
        for (int attempt = 1; ; attempt++) {
            Campaign campaign = campaigns.findById(key[0]).orElse(null);
            if (campaign == null) {
                return false; // a campaign this service never had: nothing holds a slot for it
            }
            event.requireSameBranch(campaign.branchId(), "campaign " + campaign.id()); // INT-2
            if (!campaign.releaseSlot(key[1])) {
                return false; // not invited, or given back already: a redelivery changes nothing
            }
            try {
                campaigns.update(campaign);
                meters.counter("dealer.aftersales.campaign.slots.released", "why", why).increment();
                return true;
            } catch (ConcurrentModificationException e) {
                if (attempt == 5) {
                    throw e; // transient: the dispatcher retries the record
                }
            }
        }
    }
}
