package org.dealerplatform.aftersales.campaign.application;

import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.aftersales.campaign.Campaign;
import org.dealerplatform.aftersales.campaign.CampaignInvitation;
import org.dealerplatform.aftersales.campaign.persistence.CampaignStore;
import org.dealerplatform.aftersales.campaign.persistence.InvitationStore;
import org.dealerplatform.platform.BusinessCalendar;
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

    private final CampaignStore campaigns;
    private final InvitationStore invitations;
    private final MeterRegistry meters;
    private final BusinessCalendar calendar;

    public InvitationOutcomes(CampaignStore campaigns, InvitationStore invitations, MeterRegistry meters,
            BusinessCalendar calendar) {
        this.campaigns = campaigns;
        this.invitations = invitations;
        this.meters = meters;
        this.calendar = calendar;
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
        if (campaign == null || !calendar.dateOf(sentAt).isAfter(campaign.endDate())) {
            return false;
        }
        return release(reasonKey, event, "sent-after-end");
    }

    private boolean release(String reasonKey, IncomingEvent event, String why) {
        String[] key = Campaign.parseReasonKey(reasonKey);
        if (key == null) {
            return false; // not a campaign invitation
        }
        String invitationId = CampaignInvitation.idOf(key[0], key[1]);
        CampaignInvitation invitation = null;
        for (int attempt = 1; invitation == null; attempt++) {
            CampaignInvitation loaded = invitations.findById(invitationId).orElse(null);
            if (loaded == null) {
                return false; // an invitation this service never made: nothing holds a slot for it
            }
            event.requireSameBranch(loaded.branchId(), "campaign " + key[0]); // INT-2
            // the invitation first (its state is the truth); a redelivery after a crash before the campaign's count
            // finds it RELEASED and goes on to count it, which the campaign does once per invitation
            if (loaded.release(why, event.time() == null ? Instant.now() : event.time())) {
                try {
                    invitations.update(loaded);
                } catch (ConcurrentModificationException e) {
                    if (attempt == 5) {
                        throw e; // transient: the dispatcher retries the record
                    }
                    continue;
                }
            }
            invitation = loaded;
        }
        for (int attempt = 1; ; attempt++) {
            Campaign campaign = campaigns.findById(key[0]).orElse(null);
            if (campaign == null || !campaign.releaseSlot(invitationId)) {
                return false; // given back already: a redelivery changes nothing
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
