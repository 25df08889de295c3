/** Edge of the dealer platform: routing, authentication, rate limiting, resilience and error shaping (GW-1..GW-4). */
package org.dealerplatform.gateway;
