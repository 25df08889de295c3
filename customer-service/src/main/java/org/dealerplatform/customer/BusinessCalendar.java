package org.dealerplatform.customer;

import java.time.Clock;

import org.dealerplatform.customer.customer.FileDeadline;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Business dates are Asia/Shanghai dates whatever the server's zone: {@code @PastOrPresent} on a visit date must accept
 * "today" in Nanjing at 07:00 even when the server runs on UTC (still yesterday there).
 */
@Configuration(proxyBeanMethods = false)
class BusinessCalendar {

    @Bean
    ValidationConfigurationCustomizer businessZoneValidationClock(Clock clock) {
        return configuration -> configuration.clockProvider(() -> clock.withZone(FileDeadline.BUSINESS_ZONE));
    }
}
