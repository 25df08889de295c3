/** Local replica of customer files, built from customer-service events (no synchronous calls). */
package org.dealerplatform.sales.customer;
