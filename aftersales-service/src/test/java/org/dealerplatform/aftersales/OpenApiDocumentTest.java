package org.dealerplatform.aftersales;

import org.dealerplatform.test.OpenApiDocumentContract;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;

/** Issue 12: aftersales-service's OpenAPI document for the Spectral lint (the test itself is {@link OpenApiDocumentContract}). */
@ServiceTest
@DisplayName("issue 12 aftersales-service OpenAPI document")
class OpenApiDocumentTest extends OpenApiDocumentContract {

    OpenApiDocumentTest() {
        super("aftersales-service");
    }
}
