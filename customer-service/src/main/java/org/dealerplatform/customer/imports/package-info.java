/** Bulk import and export of customer files as UTF-8 CSV with a per-row validation report (CUS-1, CUS-6, CUS-8). */
package org.dealerplatform.customer.imports;
