/** Notification documents: the aggregate store and the dispatch queue (NOT-5). */
package org.dealerplatform.notification.outbound.persistence;
