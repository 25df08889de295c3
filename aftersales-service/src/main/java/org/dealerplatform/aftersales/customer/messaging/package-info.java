/** The listener of customer-service events: the customer replica and the vehicles' owners. */
package org.dealerplatform.aftersales.customer.messaging;
