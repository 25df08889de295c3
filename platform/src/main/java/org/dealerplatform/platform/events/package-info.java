/** The event envelope (CloudEvents 1.0 plus our extensions) and the context that travels with it. */
package org.dealerplatform.platform.events;
