/**
 * The web console's backend-for-frontend (UI-1): the gateway signs the browser in with OIDC authorization code + PKCE
 * (client {@code dealer-console}), keeps the tokens in the server-side session (the browser holds only an HttpOnly
 * session cookie), relays the access token to the services for {@code /console/api/**} (rewritten to {@code /api/**}),
 * protects cookie calls with a cookie-to-header CSRF token, and serves the console's static pages under
 * {@code /console/}. Bearer-token callers of {@code /api/**} never reach this chain.
 */
package org.dealerplatform.gateway.console;
