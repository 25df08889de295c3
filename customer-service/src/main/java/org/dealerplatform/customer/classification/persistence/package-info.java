/** The purchase ledger built from sales events (CUS-3, CUS-7). */
package org.dealerplatform.customer.classification.persistence;
