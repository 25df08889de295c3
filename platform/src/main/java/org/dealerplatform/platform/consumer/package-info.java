/** Idempotent consumers: the three single-document conditional writes of ARCHITECTURE.md, "Delivery guarantees". */
package org.dealerplatform.platform.consumer;
