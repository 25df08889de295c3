/** customer-service: the customer files of every branch (CUS-1 … CUS-10). */
package org.dealerplatform.customer;
