/** Vehicle sales with shared credit, cancellation and correction under an audit trail (SAL-1, SAL-11). */
package org.dealerplatform.sales.sale;
