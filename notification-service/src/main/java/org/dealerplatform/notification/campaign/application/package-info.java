/** Use cases of the campaign replica: a launched campaign is kept (issue 10). */
package org.dealerplatform.notification.campaign.application;
