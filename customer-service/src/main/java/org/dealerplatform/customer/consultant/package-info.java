/**
 * The customer's consultant (UI-3): the salesperson who looks after a customer before and after the sale. The
 * salesperson who opens a file looks after it; the branch manager may name another; when a salesperson leaves
 * (sales-service's {@code SalespersonDeactivated}) their successor takes over their customers.
 */
package org.dealerplatform.customer.consultant;
