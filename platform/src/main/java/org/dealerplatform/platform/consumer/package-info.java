/**
 * Consumers: typed event handlers for batch listeners ({@link org.dealerplatform.platform.consumer.EventDispatcher}),
 * per event or per run of a poll's events ({@link org.dealerplatform.platform.consumer.BatchHandler}, for bulk writes),
 * the transient-or-permanent sorting of their failures ({@link org.dealerplatform.platform.consumer.FailureKind}), and
 * the three single-document conditional writes that make effects idempotent
 * ({@link org.dealerplatform.platform.consumer.IdempotentWrites}).
 */
package org.dealerplatform.platform.consumer;
