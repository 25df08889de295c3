/** Kafka wiring shared by every service: producer for the relay, consumers with back-off and dead letters, topics. */
package org.dealerplatform.platform.kafka;
