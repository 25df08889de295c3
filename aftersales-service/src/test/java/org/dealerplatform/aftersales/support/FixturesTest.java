package org.dealerplatform.aftersales.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.bson.Document;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

@ServiceTest
class FixturesTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    @DisplayName("the hand-built bulk-seeding document equals what the mapping writes (so seeded vehicles load like saved ones)")
    void fastDocumentMatchesConverter() {
        ServicedVehicle vehicle = ServicedVehicle.register(Fixtures.vin(), Fixtures.NANJING, "cust-1", "Lavida",
                VehicleCategory.SUV, null, LocalDate.of(2026, 1, 31), MaintenancePlanCatalogue.defaults());
        vehicle.remindIfDue(LocalDate.of(2026, 7, 20), 14);
        Document converted = Fixtures.converted(mongo, vehicle);
        Document fast = Fixtures.fastDocument(vehicle);
        converted.entrySet().removeIf(e -> e.getValue() == null);
        fast.entrySet().removeIf(e -> e.getValue() == null);
        assertThat(fast).isEqualTo(converted);
    }
}
