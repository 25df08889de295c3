/** Collecting sent letters into daily batches per branch and rendering them (NOT-1). */
package org.dealerplatform.notification.letter.batching;
