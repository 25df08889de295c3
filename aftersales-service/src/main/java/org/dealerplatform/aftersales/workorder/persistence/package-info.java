/** Storage of the work-order read model. */
package org.dealerplatform.aftersales.workorder.persistence;
