package org.dealerplatform.platform.consumer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the CloudEvents {@code type}s a consumer's own payload record reads, e.g.
 * {@code @EventType("dealer.sales.SaleRecorded.v1") record SaleRecorded(String saleId, ...)}. The record is the
 * consumer's (tolerant reader): it declares only the fields it needs, never the producer's class. One record may read
 * several types whose payloads share those fields.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The full type names, with their version suffix. */
    String[] value();
}
