package org.dealerplatform.customer;

import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.DocumentedLimitsContract;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;

/** Issue 12: what the OpenAPI document promises about a request field is what the service enforces. */
@ServiceTest
@DisplayName("issue 12 MergeRequest.mergeCustomerId one character over its documented maxLength")
class DocumentedLimitsTest extends DocumentedLimitsContract {

    DocumentedLimitsTest() {
        super("MergeRequest", "mergeCustomerId", 'c', "/api/customers/c-1/merge",
                DevTokens.bearer("alice", "JS-NJ-01", "SALES"), "{\"mergeCustomerId\":\"%s\"}");
    }
}
