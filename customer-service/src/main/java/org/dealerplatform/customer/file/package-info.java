/** The customer file aggregate and its rules (CUS-1, CUS-4, CUS-6, CUS-8); plain Java, adapters in sub-packages. */
package org.dealerplatform.customer.file;
