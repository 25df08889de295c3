/** Notifications: one per business reason (NOT-4), delivery policy (NOT-3), templates (NOT-2), status and history (NOT-5, NOT-6). */
package org.dealerplatform.notification.outbound;
