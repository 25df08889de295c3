/** Due reminders: the sweep that publishes MaintenanceDue a lead time before each due date, once (AFT-3). */
package org.dealerplatform.aftersales.reminder;
