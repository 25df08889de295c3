/** Plain-Java building blocks the services' domain code may use (no Spring, no Kafka, no web). */
package org.dealerplatform.platform.domain;
