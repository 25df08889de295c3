package org.dealerplatform.aftersales.support;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.PostConstruct;
import org.dealerplatform.platform.catalogue.ModelCatalogueReplica;
import org.springframework.stereotype.Component;

/**
 * The catalogue replica every test context starts with, as sales-service's VehicleModelChanged events would leave it
 * (SAL-12): the models walk-in work orders of the tests name, with their aliases.
 */
@Component
public class TestCatalogue {

    private final ModelCatalogueReplica replica;

    public TestCatalogue(ModelCatalogueReplica replica) {
        this.replica = replica;
    }

    @PostConstruct
    void seed() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        replica.modelChanged("Sagitar", "Volkswagen", "Sagitar", "Sagitar 300TSI", "PASSENGER_CAR",
                List.of("Sagitar 300TSI", "速腾"), at, 1);
        replica.modelChanged("Passat 330TSI", "Volkswagen", "Passat", "Passat 330TSI", "PASSENGER_CAR",
                List.of("Passat", "帕萨特"), at, 1);
        replica.modelChanged("Sinotruk sprinkler 12t", "Sinotruk", "Sprinkler", "Sinotruk sprinkler 12t", "SPRINKLER",
                List.of("Sprinkler", "洒水车"), at, 1);
    }
}
