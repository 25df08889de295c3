/** HTTP adapter for contact preferences and consent (CUS-5). */
package org.dealerplatform.customer.consent.web;
