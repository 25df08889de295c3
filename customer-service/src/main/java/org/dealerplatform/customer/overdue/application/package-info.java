/** The scheduled two-day-rule check (CUS-2). */
package org.dealerplatform.customer.overdue.application;
