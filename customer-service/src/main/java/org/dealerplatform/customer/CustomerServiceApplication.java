package org.dealerplatform.customer;

import org.dealerplatform.platform.catalogue.ModelCatalogueReplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Customer files of every branch: registration, contact details, classification, the customer 360 (CUS-*). */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
@Import(ModelCatalogueReplication.class) // SAL-12: customer vehicles name a catalogue model
public class CustomerServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CustomerServiceApplication.class, args);
    }
}
