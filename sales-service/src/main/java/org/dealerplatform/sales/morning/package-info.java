/** The daily report for the morning meeting: yesterday's sales, leads and customer feedback per branch (SAL-8). */
package org.dealerplatform.sales.morning;
