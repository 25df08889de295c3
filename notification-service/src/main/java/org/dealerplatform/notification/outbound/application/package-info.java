/** Use cases of notifications requested by other services' events. */
package org.dealerplatform.notification.outbound.application;
