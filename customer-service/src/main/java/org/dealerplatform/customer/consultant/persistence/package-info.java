/** MongoDB storage of salespeople who left, as this service learnt from sales-service. */
package org.dealerplatform.customer.consultant.persistence;
