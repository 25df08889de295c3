/** After-sales KPIs per branch and month: services, revenue, reminder conversion, satisfaction, open complaints (AFT-7). */
package org.dealerplatform.aftersales.kpi;
