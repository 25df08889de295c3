package org.dealerplatform.sales;

import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.DocumentedLimitsContract;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;

/** Issue 12: what the OpenAPI document promises about a request field is what the service enforces. */
@ServiceTest
@DisplayName("issue 12 Convert.saleId one character over its documented maxLength")
class DocumentedLimitsTest extends DocumentedLimitsContract {

    DocumentedLimitsTest() {
        super("Convert", "saleId", 's', "/api/sales/leads/l-1/convert", DevTokens.bearer("alice", "JS-NJ-01", "SALES"),
                "{\"saleId\":\"%s\"}");
    }
}
