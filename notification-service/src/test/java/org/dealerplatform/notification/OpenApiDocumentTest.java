package org.dealerplatform.notification;

import org.dealerplatform.test.OpenApiDocumentContract;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;

/** Issue 12: notification-service's OpenAPI document for the Spectral lint (the test itself is {@link OpenApiDocumentContract}). */
@ServiceTest
@DisplayName("issue 12 notification-service OpenAPI document")
class OpenApiDocumentTest extends OpenApiDocumentContract {

    OpenApiDocumentTest() {
        super("notification-service");
    }
}
