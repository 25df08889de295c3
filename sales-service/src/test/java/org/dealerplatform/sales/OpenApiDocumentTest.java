package org.dealerplatform.sales;

import org.dealerplatform.test.OpenApiDocumentContract;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;

/** Issue 12: sales-service's OpenAPI document for the Spectral lint (the test itself is {@link OpenApiDocumentContract}). */
@ServiceTest
@DisplayName("issue 12 sales-service OpenAPI document")
class OpenApiDocumentTest extends OpenApiDocumentContract {

    OpenApiDocumentTest() {
        super("sales-service");
    }
}
