/** The customer 360 (CUS-7): purchase, maintenance, campaign, follow-up and contact history, built from events only. */
package org.dealerplatform.customer.history;
