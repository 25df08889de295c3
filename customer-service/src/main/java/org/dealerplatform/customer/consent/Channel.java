package org.dealerplatform.customer.consent;

/** Contact channels a customer can consent to or opt out of (CUS-5). */
public enum Channel {
    SMS, EMAIL, LETTER, PHONE
}
