/** Correlation id on every request that passes the gateway (GW-3), and the trace ids of its log lines (OBS-1/OBS-2). */
package org.dealerplatform.gateway.correlation;
