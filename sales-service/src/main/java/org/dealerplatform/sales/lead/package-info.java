/** Prospects and pre-sales follow-up: leads with source, status, next follow-up date and conversion to a sale (SAL-10). */
package org.dealerplatform.sales.lead;
