/** Kafka adapters building the customer 360 and applying opt-outs (CUS-5, CUS-7). */
package org.dealerplatform.customer.history.messaging;
