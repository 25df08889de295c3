/** Serving a group customer at another branch (INT-1): an exact mobile/VIN lookup grants one transaction, audited. */
package org.dealerplatform.customer.serving;
