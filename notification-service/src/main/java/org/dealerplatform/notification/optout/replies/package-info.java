/** Handling inbound opt-out replies: stop at once, record, tell customer-service (NOT-7). */
package org.dealerplatform.notification.optout.replies;
