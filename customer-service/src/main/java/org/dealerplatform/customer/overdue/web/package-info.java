/** HTTP adapter listing overdue files per branch (CUS-2). */
package org.dealerplatform.customer.overdue.web;
