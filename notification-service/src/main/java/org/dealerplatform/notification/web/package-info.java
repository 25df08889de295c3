/** Web concerns shared by every feature of this service (problem details). */
package org.dealerplatform.notification.web;
