/** Reminder events from after-sales turned into notifications (NOT-4). */
package org.dealerplatform.notification.outbound.messaging;
