/** notification-service: SMS, e-mail, letters and call lists: once, politely, never lost (NOT-*). */
package org.dealerplatform.notification;
