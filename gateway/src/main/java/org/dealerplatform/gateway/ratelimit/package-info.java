/** Per-client request rate limits kept in memory, no Redis (GW-3). */
package org.dealerplatform.gateway.ratelimit;
