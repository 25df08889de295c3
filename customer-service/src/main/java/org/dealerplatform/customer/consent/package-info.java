/** Contact preferences and consent per channel, opt-outs (CUS-5). */
package org.dealerplatform.customer.consent;
