/** Consent ledger: every consent change with source and time (NOT-7). */
package org.dealerplatform.notification.consent;
