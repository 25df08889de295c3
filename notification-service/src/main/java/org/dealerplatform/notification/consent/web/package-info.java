/** Consent questions over HTTP (NOT-7). */
package org.dealerplatform.notification.consent.web;
