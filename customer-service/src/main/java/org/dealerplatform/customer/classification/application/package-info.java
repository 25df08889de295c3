/** Re-evaluating classes on sales events and in the daily pass (CUS-3). */
package org.dealerplatform.customer.classification.application;
