/** Web plumbing of every service: RFC 9457 problem details, correlation ids, the {@code Caller} parameter. */
package org.dealerplatform.platform.web;
