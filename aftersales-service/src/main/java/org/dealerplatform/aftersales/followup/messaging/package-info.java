/** Schedules follow-up calls from recorded maintenance. */
package org.dealerplatform.aftersales.followup.messaging;
