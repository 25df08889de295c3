/** Use cases of campaigns driven by other services' events: invitations that give their workshop slot back (AFT-8). */
package org.dealerplatform.aftersales.campaign.application;
