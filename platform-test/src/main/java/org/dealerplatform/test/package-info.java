/** Test fixtures shared by every service's tests: real embedded broker and database, dev tokens, event probes. */
package org.dealerplatform.test;
