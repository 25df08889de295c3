/** Request size limits at the edge (SEC-3). */
package org.dealerplatform.gateway.limits;
