/** Feeds the catalogue replica from sales-service's catalogue events (SAL-12). */
package org.dealerplatform.platform.catalogue.messaging;
