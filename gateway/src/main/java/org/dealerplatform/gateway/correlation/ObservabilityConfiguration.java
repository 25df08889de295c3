package org.dealerplatform.gateway.correlation;

import org.dealerplatform.security.masking.MaskedObservations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OBS-2 in the gateway's spans (OBS-1): the forwarded request's URI, query string included, is a span attribute;
 * mobiles and e-mails in it are masked with the shared {@link MaskedObservations} before the span is exported.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    public MaskedObservations maskedObservations() {
        return new MaskedObservations();
    }
}
