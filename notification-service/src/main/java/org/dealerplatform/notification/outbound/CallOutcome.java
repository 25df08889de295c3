package org.dealerplatform.notification.outbound;

/** What happened when staff made a reminder call (NOT-1). */
public enum CallOutcome {
    REACHED, DECLINED, NO_ANSWER, WRONG_NUMBER
}
