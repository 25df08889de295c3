/** Use cases of the after-sales KPIs fed by other services' events. */
package org.dealerplatform.aftersales.kpi.application;
