/** Staff APIs and provider webhooks of notifications. */
package org.dealerplatform.notification.outbound.web;
