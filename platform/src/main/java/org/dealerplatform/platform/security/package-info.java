/** Every service is a JWT resource server and scopes its queries by the caller's branch (GW-2). */
package org.dealerplatform.platform.security;
