/** Kafka adapters feeding the purchase ledger and following merges (CUS-3, CUS-6). */
package org.dealerplatform.customer.classification.messaging;
