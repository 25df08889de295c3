/** Storage of campaigns and the audience look-up over vehicles and the customer replica. */
package org.dealerplatform.aftersales.campaign.persistence;
