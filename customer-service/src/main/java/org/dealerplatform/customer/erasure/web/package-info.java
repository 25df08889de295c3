/** HTTP adapter of the erasure command (SEC-9). */
package org.dealerplatform.customer.erasure.web;
