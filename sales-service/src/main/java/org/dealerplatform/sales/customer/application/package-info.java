/** Use cases of the customer replica: the only writers of the replica's collection. */
package org.dealerplatform.sales.customer.application;
