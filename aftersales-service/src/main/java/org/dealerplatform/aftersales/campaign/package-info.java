/** Service campaigns, VIP seminars and return visits: audience rules, workshop slots, invitation waves (AFT-4, AFT-6, AFT-8). */
package org.dealerplatform.aftersales.campaign;
