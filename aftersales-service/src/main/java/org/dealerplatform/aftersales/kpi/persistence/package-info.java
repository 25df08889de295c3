/** KPI queries over work orders, follow-up calls and received reminders. */
package org.dealerplatform.aftersales.kpi.persistence;
