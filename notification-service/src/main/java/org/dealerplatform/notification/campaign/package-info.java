/**
 * Replica of the campaigns whose invitations this service sends (AFT-4, issue 10): what {@code CampaignLaunched}
 * carries once (name, content, period, address), so that a {@code CampaignInvitationRequested.v2} only names its
 * campaign. An invitation whose campaign is not known yet waits queued.
 */
package org.dealerplatform.notification.campaign;
