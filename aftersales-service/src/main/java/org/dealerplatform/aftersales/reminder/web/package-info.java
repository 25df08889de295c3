/** REST endpoint of the reminder sweep. */
package org.dealerplatform.aftersales.reminder.web;
