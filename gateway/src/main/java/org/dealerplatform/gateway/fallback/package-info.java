/** What a client gets when a service is down, its circuit is open or it is too slow (GW-3, GW-4). */
package org.dealerplatform.gateway.fallback;
