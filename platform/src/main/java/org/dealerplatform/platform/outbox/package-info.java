/**
 * The transactional outbox embedded in each aggregate document, and the relay that publishes it
 * (docs/architecture.md, "Delivery guarantees").
 */
package org.dealerplatform.platform.outbox;
