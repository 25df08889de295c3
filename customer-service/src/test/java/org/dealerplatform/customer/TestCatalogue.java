package org.dealerplatform.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import org.dealerplatform.platform.catalogue.ModelCatalogueReplica;
import org.springframework.stereotype.Component;

/**
 * The catalogue replica every test context starts with, as sales-service's VehicleModelChanged events would leave it
 * (SAL-12): one model per category the tests use, with the aliases they spell.
 */
@Component
public class TestCatalogue {

    /** The catalogue model of each category the tests add vehicles of. */
    public static final Map<String, String> MODEL_OF_CATEGORY = Map.of(
            "PASSENGER_CAR", "Passat 330TSI", "SUV", "Tiguan L", "TANK_CAR", "Dongfeng tank car 8t",
            "SPRINKLER", "Sinotruk sprinkler 12t", "BULK_CEMENT_TRUCK", "Foton bulk cement truck");

    private final ModelCatalogueReplica replica;

    public TestCatalogue(ModelCatalogueReplica replica) {
        this.replica = replica;
    }

    @PostConstruct
    void seed() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        replica.modelChanged("Passat 330TSI", "Volkswagen", "Passat", "Passat 330TSI", "PASSENGER_CAR",
                List.of("Passat", "帕萨特"), at, 1);
        replica.modelChanged("Lavida 1.5L", "Volkswagen", "Lavida", "Lavida 1.5L", "PASSENGER_CAR",
                List.of("Lavida", "朗逸"), at, 1);
        replica.modelChanged("Tiguan L", "Volkswagen", "Tiguan", "Tiguan L 330TSI", "SUV", List.of("Tiguan"), at, 1);
        replica.modelChanged("Dongfeng tank car 8t", "Dongfeng", "Tank car", "Dongfeng tank car 8t", "TANK_CAR",
                List.of("Tank car"), at, 1);
        replica.modelChanged("Sinotruk sprinkler 12t", "Sinotruk", "Sprinkler", "Sinotruk sprinkler 12t", "SPRINKLER",
                List.of("Sprinkler"), at, 1);
        replica.modelChanged("Foton bulk cement truck", "Foton", "Bulk cement truck", "Foton bulk cement truck",
                "BULK_CEMENT_TRUCK", List.of(), at, 1);
    }
}
