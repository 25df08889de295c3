/** Correlation id and W3C trace context on every request that passes the gateway (GW-3). */
package org.dealerplatform.gateway.correlation;
