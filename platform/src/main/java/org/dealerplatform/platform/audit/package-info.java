/** The audit trail of exports of personal data (SEC-9, PIPL), shared by every service that exports customer data. */
package org.dealerplatform.platform.audit;
