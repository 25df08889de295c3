/** Letters: a daily batch per branch, rendered to a printable PDF (NOT-1). */
package org.dealerplatform.notification.letter;
