package org.dealerplatform.aftersales.campaign;

/**
 * What a launch did (AFT-4, AFT-8).
 *
 * @param eligible               distinct customers the audience rule admits now and who consent to an invitation channel
 * @param invitedNow             invitations requested by this launch
 * @param invitedTotal           invitations of the campaign so far
 * @param capacity               workshop slots declared for the campaign dates
 * @param leftOut                eligible customers not invited for lack of slots (the last in {@link InvitationOrder})
 * @param excludedWithoutConsent customers the rule admits but who consent to no invitation channel
 */
public record LaunchResult(int eligible, int invitedNow, int invitedTotal, int capacity, int leftOut,
        int excludedWithoutConsent) {
}
