/** The reminder sweep, scheduled and on demand. */
package org.dealerplatform.aftersales.reminder.application;
