/** Local replica of each customer's contact details and language, built from customer-service events (NOT-3, NOT-7). */
package org.dealerplatform.notification.contact;
