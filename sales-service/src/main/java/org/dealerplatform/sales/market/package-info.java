/** Total-market figures entered per region, segment and month, the denominator of market share (SAL-6). */
package org.dealerplatform.sales.market;
