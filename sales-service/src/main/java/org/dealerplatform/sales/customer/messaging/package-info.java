/** The listener of customer-service events that feeds the customer replica. */
package org.dealerplatform.sales.customer.messaging;
