package org.dealerplatform.notification.notification;

/** What happened when staff made a reminder call (NOT-1). */
public enum CallOutcome {
    REACHED, DECLINED, NO_ANSWER, WRONG_NUMBER
}
