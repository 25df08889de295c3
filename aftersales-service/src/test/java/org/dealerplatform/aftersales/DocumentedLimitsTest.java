package org.dealerplatform.aftersales;

import org.dealerplatform.test.DevTokens;
import org.dealerplatform.test.DocumentedLimitsContract;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;

/** Issue 12: what the OpenAPI document promises about a request field is what the service enforces. */
@ServiceTest
@DisplayName("issue 12 RecordWorkOrder.vin one character over its documented maxLength")
class DocumentedLimitsTest extends DocumentedLimitsContract {

    DocumentedLimitsTest() {
        super("RecordWorkOrder", "vin", 'A', "/api/aftersales/work-orders",
                DevTokens.bearer("sam", "JS-NJ-01", "SERVICE_ADVISOR"),
                "{\"vin\":\"%s\",\"jobType\":\"MAINTENANCE\",\"serviceDate\":\"2026-11-20\",\"mileageKm\":1000,"
                        + "\"items\":[\"oil\"],\"partsFen\":0,\"labourFen\":0}");
    }
}
