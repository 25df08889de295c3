/** Opt-out replies: stop at once, tell customer-service (NOT-7). */
package org.dealerplatform.notification.optout;
