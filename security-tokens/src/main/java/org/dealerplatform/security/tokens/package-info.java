/**
 * The token rules of SEC-1 and the key rules of SEC-2, written once for the reactive gateway and the servlet services.
 * Plain Java on spring-security-oauth2-jose only: the gateway and the services build their own (reactive, servlet)
 * decoders from the issuer's JWKS ({@link org.dealerplatform.security.tokens.IssuerSettings}) and install the same
 * {@link org.dealerplatform.security.tokens.TokenPolicy}.
 */
package org.dealerplatform.security.tokens;
