/** The console's server-side sessions in a shared MongoDB store (UI-1). */
package org.dealerplatform.gateway.session;
