/**
 * The transactional outbox embedded in each aggregate document, and the relay that publishes it
 * (ARCHITECTURE.md, "Delivery guarantees").
 */
package org.dealerplatform.platform.outbox;
