package org.dealerplatform.notification.notification;

/** How a customer is reached (NOT-1). */
public enum Channel {
    SMS, EMAIL, LETTER, PHONE
}
