package org.dealerplatform.aftersales.campaign;

/**
 * What a launch did (AFT-4, AFT-8).
 *
 * @param eligible     distinct customers the audience rule admits now
 * @param invitedNow   invitations requested by this launch
 * @param invitedTotal invitations of the campaign so far
 * @param capacity     workshop slots declared for the campaign dates
 * @param leftOut      eligible customers not invited for lack of slots
 */
public record LaunchResult(int eligible, int invitedNow, int invitedTotal, int capacity, int leftOut) {
}
