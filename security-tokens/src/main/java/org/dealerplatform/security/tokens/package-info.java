/**
 * The token rules of SEC-1 and the key rules of SEC-2, written once for the reactive gateway and the servlet services.
 * Plain Java on spring-security-oauth2-jose only: the validators do not care how a token's signature was checked, so
 * the HS256 decoders of today can give way to JWKS-verified RS256 decoders without touching the rules.
 */
package org.dealerplatform.security.tokens;
