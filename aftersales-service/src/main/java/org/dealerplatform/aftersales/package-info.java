/** aftersales-service: Work orders, maintenance cycles and due dates, reminders, campaigns, follow-up calls (AFT-*). */
package org.dealerplatform.aftersales;
