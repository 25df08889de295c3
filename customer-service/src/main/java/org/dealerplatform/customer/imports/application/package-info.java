/** Bulk CSV import with a per-row report, chunk by chunk, run as background jobs with progress (CUS-1, CUS-8). */
package org.dealerplatform.customer.imports.application;
