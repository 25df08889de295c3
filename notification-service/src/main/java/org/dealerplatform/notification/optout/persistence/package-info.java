/** Opt-out records. */
package org.dealerplatform.notification.optout.persistence;
