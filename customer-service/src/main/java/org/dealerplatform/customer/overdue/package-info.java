/** The two-day rule (CUS-2): overdue customer files, listed per branch and reported once each. */
package org.dealerplatform.customer.overdue;
