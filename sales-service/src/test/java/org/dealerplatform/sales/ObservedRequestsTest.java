package org.dealerplatform.sales;

import org.dealerplatform.test.ObservedRequestsContract;
import org.dealerplatform.test.ServiceTest;

/** Issue 10 OBS-1: sales-service observes a request once, not per security filter ({@link ObservedRequestsContract}). */
@ServiceTest
class ObservedRequestsTest extends ObservedRequestsContract {
}
