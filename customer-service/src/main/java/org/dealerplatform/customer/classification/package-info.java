/** Customer classification by trailing-12-month purchases with effective-dated rules (CUS-3, CUS-10). */
package org.dealerplatform.customer.classification;
