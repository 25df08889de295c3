/**
 * SEC-9 (PIPL): erasure of a customer's personal data on their request, in this service and, through
 * {@code CustomerErased}, in every service that keeps a copy.
 */
package org.dealerplatform.customer.erasure;
