/** Kafka adapter feeding the model catalogue replica from {@code sales.catalogue.events}. */
package org.dealerplatform.customer.catalogue.messaging;
