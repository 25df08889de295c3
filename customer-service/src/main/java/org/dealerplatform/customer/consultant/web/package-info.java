/** REST adapter: naming a customer's consultant. */
package org.dealerplatform.customer.consultant.web;
