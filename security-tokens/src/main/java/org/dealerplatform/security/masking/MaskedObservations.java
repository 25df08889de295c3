package org.dealerplatform.security.masking;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * OBS-2 for traces (OBS-1): masks mobile numbers and e-mail addresses in the high-cardinality values of every
 * observation (the spans' attributes: a request's URL with its query string, e.g. {@code ?mobile=13812345678}), with
 * {@link Masked#text}, before the tracing handler copies them into the span that leaves for the trace store.
 * Registered as a bean in the gateway and in every service (platform); Spring Boot applies every
 * {@link ObservationFilter} bean to the observation registry.
 */
public class MaskedObservations implements ObservationFilter {

    @Override
    public Observation.Context map(Observation.Context context) {
        for (KeyValue keyValue : context.getHighCardinalityKeyValues()) {
            String value = keyValue.getValue();
            String masked = Masked.text(value);
            if (masked != null && !masked.equals(value)) {
                context.addHighCardinalityKeyValue(KeyValue.of(keyValue.getKey(), masked));
            }
        }
        return context;
    }
}
