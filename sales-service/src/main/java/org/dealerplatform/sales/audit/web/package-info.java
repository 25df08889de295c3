/** HTTP adapter: HQ reads the export audit (SEC-9). */
package org.dealerplatform.sales.audit.web;
