/** The dispatch queue worker and the channels: SMS providers with circuit breakers and failover, SMTP (NOT-5). */
package org.dealerplatform.notification.outbound.delivery;
