/** A fake SMS provider for the local runtime only ({@code dealer.notifications.simulator.enabled=true}). */
package org.dealerplatform.notification.simulator.web;
