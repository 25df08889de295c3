/** Phone reminders as call lists for staff, with the script and an outcome to record (NOT-1, NOT-2). */
package org.dealerplatform.notification.call;
