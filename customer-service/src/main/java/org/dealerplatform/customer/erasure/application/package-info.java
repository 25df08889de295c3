/** The erasure use case: anonymise the file in place, forget the lookups' values, publish {@code CustomerErased}. */
package org.dealerplatform.customer.erasure.application;
