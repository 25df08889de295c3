/** REST endpoint of the KPIs. */
package org.dealerplatform.aftersales.kpi.web;
