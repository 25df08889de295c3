/** Letter batches over HTTP. */
package org.dealerplatform.notification.letter.web;
