/** Local replica of customer files, built from customer-service events: who owns a vehicle and how to address them. */
package org.dealerplatform.aftersales.customer;
