/** MongoDB adapter of import jobs (CUS-8). */
package org.dealerplatform.customer.imports.persistence;
