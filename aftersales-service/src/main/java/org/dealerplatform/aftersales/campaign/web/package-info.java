/** REST endpoints of campaigns. */
package org.dealerplatform.aftersales.campaign.web;
