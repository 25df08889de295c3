/** MongoDB adapter of customer files: the outbox store, search and VIN claims (CUS-6, CUS-8). */
package org.dealerplatform.customer.file.persistence;
