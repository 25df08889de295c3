/**
 * OBS-2: the one masking of personal data (mobile numbers, names, e-mail) for logs and spans, shared by the gateway and
 * every service: {@link org.dealerplatform.security.masking.Masked} for values and free text,
 * {@link org.dealerplatform.security.masking.PersonalDataMasking} for JSON log lines and
 * {@link org.dealerplatform.security.masking.MaskedObservations} for the observations that become spans.
 */
package org.dealerplatform.security.masking;
