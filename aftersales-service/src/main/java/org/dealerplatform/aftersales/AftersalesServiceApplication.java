package org.dealerplatform.aftersales;

import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.platform.catalogue.ModelCatalogueReplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Work orders, maintenance cycles and due dates, reminders, campaigns, follow-up calls (AFT-*). */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(AftersalesProperties.class)
@Import(ModelCatalogueReplication.class) // SAL-12: walk-in work orders name a catalogue model
public class AftersalesServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AftersalesServiceApplication.class, args);
    }

    @Bean
    MaintenancePlanCatalogue maintenancePlans(AftersalesProperties properties) {
        return new MaintenancePlanCatalogue(properties.maintenance().models());
    }
}
