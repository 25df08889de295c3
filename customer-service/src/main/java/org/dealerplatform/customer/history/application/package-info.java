/** Use cases of the customer 360's timeline, fed by other services' events. */
package org.dealerplatform.customer.history.application;
