/** Use cases of the customer replica: the only writers of its collection (contact details, class, consent). */
package org.dealerplatform.aftersales.customer.application;
