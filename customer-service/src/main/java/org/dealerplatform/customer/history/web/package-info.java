/** HTTP adapter of the customer 360 (CUS-7). */
package org.dealerplatform.customer.history.web;
