package org.dealerplatform.aftersales.campaign;

import java.time.Instant;
import java.util.List;

import org.dealerplatform.platform.outbox.AggregateRoot;

/**
 * One customer's invitation to a campaign (AFT-4, AFT-8, issue 10), its own document ({@code _id} =
 * {@code <campaignId>:<customerId>}) instead of an entry in the campaign's: a campaign may invite 100,000 customers.
 * It is the outbox aggregate of its {@code CampaignInvitationRequested}, so the invitation and its event are one
 * single-document write, and its {@code _id} makes a second invitation of the same customer impossible.
 *
 * <p>It holds its workshop slot (AFT-8) until the invitation is known not to bring the customer in: then it is
 * {@link State#RELEASED}, once.
 */
public class CampaignInvitation extends AggregateRoot {

    /** Whether the invitation still holds a workshop slot. */
    public enum State {
        INVITED, RELEASED
    }

    private final String campaignId;
    private final String customerId;
    private final String vin;
    private final List<String> channels;
    private final String launchId;
    private final Instant invitedAt;
    private State state;
    private Instant releasedAt;
    private String releaseReason;

    public CampaignInvitation(String id, String branchId, String campaignId, String customerId, String vin,
            List<String> channels, String launchId, Instant invitedAt, State state, Instant releasedAt,
            String releaseReason, long version) {
        super(id, branchId, version);
        this.campaignId = campaignId;
        this.customerId = customerId;
        this.vin = vin;
        this.channels = channels == null ? null : List.copyOf(channels);
        this.launchId = launchId;
        this.invitedAt = invitedAt;
        this.state = state == null ? State.INVITED : state;
        this.releasedAt = releasedAt;
        this.releaseReason = releaseReason;
    }

    /** The id of a customer's invitation to a campaign. */
    public static String idOf(String campaignId, String customerId) {
        return campaignId + ":" + customerId;
    }

    /**
     * Invites one customer with their vehicle; {@code channels} are the invitation channels they consent to, or null
     * when the replica knows none (notification-service decides then).
     */
    public static CampaignInvitation invite(String campaignId, String branchId, String customerId, String vin,
            List<String> channels, String launchId, Instant now) {
        CampaignInvitation invitation = new CampaignInvitation(idOf(campaignId, customerId), branchId, campaignId,
                customerId, vin, channels, launchId, now, State.INVITED, null, null, 0);
        invitation.record(new CampaignEvents.CampaignInvitationRequested(campaignId, customerId, branchId, vin,
                Campaign.reasonKey(campaignId, customerId), launchId));
        return invitation;
    }

    /** AFT-8: the invitation will not bring the customer in; false when it gave its slot back already. */
    public boolean release(String why, Instant now) {
        if (state == State.RELEASED) {
            return false;
        }
        state = State.RELEASED;
        releasedAt = now;
        releaseReason = why;
        return true;
    }

    public String campaignId() {
        return campaignId;
    }

    public String customerId() {
        return customerId;
    }

    public String vin() {
        return vin;
    }

    public List<String> channels() {
        return channels;
    }

    public String launchId() {
        return launchId;
    }

    public Instant invitedAt() {
        return invitedAt;
    }

    public State state() {
        return state;
    }

    public Instant releasedAt() {
        return releasedAt;
    }

    public String releaseReason() {
        return releaseReason;
    }
}
