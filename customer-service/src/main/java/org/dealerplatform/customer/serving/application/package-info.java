/** The serve-at-branch use case: look the customer up exactly, grant, audit, publish. */
package org.dealerplatform.customer.serving.application;
