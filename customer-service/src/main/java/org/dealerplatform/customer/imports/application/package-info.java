/** Bulk CSV import with a per-row report (CUS-1, CUS-8). */
package org.dealerplatform.customer.imports.application;
