/** sales-service: Sales, targets and schedules, attainment, year-over-year, market share, the HQ roll-up (SAL-*). */
package org.dealerplatform.sales;
