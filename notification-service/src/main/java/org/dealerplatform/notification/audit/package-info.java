/** SEC-9 (PIPL): the audit of this service's exports of customer data (kept by the platform's ExportAudit). */
package org.dealerplatform.notification.audit;
