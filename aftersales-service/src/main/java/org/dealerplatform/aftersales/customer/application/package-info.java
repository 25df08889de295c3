/** Changes to the local customer replica, shared by the customer-events listener and tests. */
package org.dealerplatform.aftersales.customer.application;
