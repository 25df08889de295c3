package org.dealerplatform.customer.file;

/** Customer class by trailing-12-month purchases (CUS-3), best first. */
public enum CustomerClass {
    VIP, FIRST_CLASS, SECOND_CLASS, OTHER
}
