/** Customer visit schedule (VIP first), completed visits with outcome, monthly visit statistics (SAL-7). */
package org.dealerplatform.sales.visit;
