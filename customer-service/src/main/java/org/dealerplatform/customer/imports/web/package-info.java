/** HTTP adapter for CSV import and export. */
package org.dealerplatform.customer.imports.web;
