/** The listener of customer-service events that feeds the contact directory. */
package org.dealerplatform.notification.contact.messaging;
