/** Bean Validation constraints every service's request bodies share (INT-3). */
package org.dealerplatform.platform.validation;
