/**
 * Reports read from the roll-up: attainment (SAL-3), monthly statistics and annual summary (SAL-4), year-over-year
 * (SAL-5) and market share (SAL-6). Pure calculations here; the web adapter reads the figures and exports CSV / Excel.
 */
package org.dealerplatform.sales.report;
