/** Kafka adapter: sales-service's departures of salespeople. */
package org.dealerplatform.customer.consultant.messaging;
