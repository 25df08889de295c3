/** Use cases of the customer replica: the only writers of its collection. */
package org.dealerplatform.aftersales.customer.application;
