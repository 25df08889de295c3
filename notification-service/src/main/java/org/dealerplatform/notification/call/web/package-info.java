/** The call list over HTTP. */
package org.dealerplatform.notification.call.web;
