/** HTTP adapter explaining a customer's class (CUS-10). */
package org.dealerplatform.customer.classification.web;
