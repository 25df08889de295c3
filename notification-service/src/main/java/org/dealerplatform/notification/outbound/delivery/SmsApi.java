package org.dealerplatform.notification.outbound.delivery;

/**
 * How one provider's API is called (ECO-1): the generic HTTP API, Alibaba Cloud SMS or Tencent Cloud SMS. An
 * implementation answers the provider's message id, or throws {@link SmsProvider.Rejected} (a definite refusal of this
 * message), {@link SmsProvider.Unanswered} (sent, no answer in time: it may have the message) or
 * {@link SmsProvider.Unreachable} (it did not take the message: refused connection, 5xx, throttled, an account or
 * credential problem of ours with this provider), with the same meaning as for the generic provider (NOT-5).
 */
interface SmsApi {

    String send(SmsMessage message, String reference);

    /** Whether this API can send {@code message} at all (a template provider needs a template code for its purpose). */
    default boolean supports(SmsMessage message) {
        return true;
    }
}
