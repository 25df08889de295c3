/** Shared plumbing of the four services, so that they only write domain code. */
package org.dealerplatform.platform;
