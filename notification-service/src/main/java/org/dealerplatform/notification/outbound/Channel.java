package org.dealerplatform.notification.outbound;

/** How a customer is reached (NOT-1). */
public enum Channel {
    SMS, EMAIL, LETTER, PHONE
}
