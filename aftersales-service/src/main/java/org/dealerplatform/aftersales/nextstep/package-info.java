/** A customer's "next step" services: maintenance due soon and the campaigns they are invited to (AFT-3). */
package org.dealerplatform.aftersales.nextstep;
