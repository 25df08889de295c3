/** Development-only token minting ({@code dealer.dev-tokens.enabled=true}, profile {@code local}); never in production. */
package org.dealerplatform.gateway.devtoken;
