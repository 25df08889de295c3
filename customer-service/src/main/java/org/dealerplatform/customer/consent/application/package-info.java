/** Use cases of consent fed by other services' events. */
package org.dealerplatform.customer.consent.application;
