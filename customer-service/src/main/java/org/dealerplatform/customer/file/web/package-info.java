/** HTTP adapter of customer files: register, read, update, visits, merge, search (CUS-1, CUS-4, CUS-6, CUS-8). */
package org.dealerplatform.customer.file.web;
