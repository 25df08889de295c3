/** Listens to notification events for reminder conversion. */
package org.dealerplatform.aftersales.kpi.messaging;
