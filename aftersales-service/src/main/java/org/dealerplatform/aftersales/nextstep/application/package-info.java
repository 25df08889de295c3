/** The next-steps query: what to offer one customer, within what the caller may see (AFT-3, GW-2, INT-1). */
package org.dealerplatform.aftersales.nextstep.application;
