/** JWT validation and role rules at the edge (GW-2); the services check the same tokens again. */
package org.dealerplatform.gateway.security;
