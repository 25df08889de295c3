/** RFC 9457 problem details for every error the gateway itself answers (GW-4). */
package org.dealerplatform.gateway.problem;
