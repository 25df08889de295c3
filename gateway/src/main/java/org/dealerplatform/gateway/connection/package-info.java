/** How the gateway keeps its HTTP/1.1 client connections usable (issue 13: no request left unanswered). */
package org.dealerplatform.gateway.connection;
