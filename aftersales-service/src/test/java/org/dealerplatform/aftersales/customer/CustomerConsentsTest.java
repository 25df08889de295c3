package org.dealerplatform.aftersales.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.campaign.AudienceRule;
import org.dealerplatform.aftersales.campaign.Candidate;
import org.dealerplatform.aftersales.campaign.InvitationConsent;
import org.dealerplatform.aftersales.campaign.persistence.AudienceFinder;
import org.dealerplatform.aftersales.customer.application.CustomerConsents;
import org.dealerplatform.aftersales.support.Fixtures;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.test.ServiceTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

@ServiceTest
class CustomerConsentsTest {

    @Autowired
    CustomerConsents consents;
    @Autowired
    AudienceFinder audience;
    @Autowired
    MongoTemplate mongo;

    @Test
    @DisplayName("AFT-4 CUS-5 consents reach the replica as consents.<CHANNEL>, only if newer, and campaign candidates carry them")
    void consentsInTheReplica() {
        String branch = "C-" + Fixtures.runPrefix();
        String customer = "cust-" + Fixtures.runPrefix();
        Fixtures.seed(mongo, List.of(ServicedVehicle.register(Fixtures.vin(), branch, customer, "Lavida",
                VehicleCategory.PASSENGER_CAR, null, LocalDate.of(2025, 1, 1), MaintenancePlanCatalogue.defaults())));

        assertThat(consents.changed(customer, branch, 2, Map.of("SMS", true, "EMAIL", true, "LETTER", false,
                "PHONE", true))).isTrue();
        assertThat(consents.changed(customer, branch, 4, Map.of("SMS", false, "EMAIL", false, "LETTER", false,
                "PHONE", true))).isTrue();
        assertThat(consents.changed(customer, branch, 3, Map.of("SMS", true))).isFalse(); // older: ignored
        assertThat(consents.changed(customer, branch, 4, Map.of("SMS", true))).isFalse(); // replayed: ignored

        Document replica = mongo.findById(customer, Document.class, CustomerReplica.COLLECTION);
        assertThat(replica.get("consents", Document.class)).containsEntry("SMS", false).containsEntry("PHONE", true);
        assertThat(replica.getString("branchId")).isEqualTo(branch);

        List<Candidate> candidates = audience.candidates(branch, AudienceRule.anyone(), LocalDate.of(2026, 12, 1));
        assertThat(candidates).singleElement().satisfies(c -> {
            assertThat(c.consents()).containsEntry("EMAIL", false).containsEntry("PHONE", true);
            assertThat(InvitationConsent.allows(c.consents())).isFalse();
        });
    }
}
