/** The customer-360 projection (CUS-7). */
package org.dealerplatform.customer.history.persistence;
