package org.dealerplatform.notification.support;

import java.util.Map;
import java.util.UUID;

import org.dealerplatform.test.TestEvents;

/** Publishes after-sales reminder events from their contract examples, as aftersales-service would. */
public final class Reminders {

    public static final String EXAMPLE_CUSTOMER = "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b";
    public static final String EXAMPLE_VIN = "1HGCM82633A004352";

    private Reminders() {
    }

    /** A MaintenanceDue for {@code customer}'s vehicle {@code vin}; returns its reason key. */
    public static String maintenanceDue(String brokers, CustomerFixture.Customer customer, String vin) {
        TestEvents.publishExample(brokers, "aftersales.vehicle.events", "dealer.aftersales.MaintenanceDue.v1", vin, 3,
                customer.branchId(), Map.of(EXAMPLE_CUSTOMER, customer.id(), EXAMPLE_VIN, vin,
                        "\"JS-NJ-01\"", "\"" + customer.branchId() + "\""));
        return "maintenance-due:" + vin + ":2027-11-20";
    }

    /** A campaign invitation; returns its reason key. */
    public static String campaignInvitation(String brokers, CustomerFixture.Customer customer, String campaignId) {
        TestEvents.publishExample(brokers, "aftersales.campaign.events",
                "dealer.aftersales.CampaignInvitationRequested.v1", campaignId, 1, customer.branchId(),
                Map.of(EXAMPLE_CUSTOMER, customer.id(), "camp-2026-12-free-test", campaignId,
                        "\"JS-NJ-01\"", "\"" + customer.branchId() + "\""));
        return "campaign:" + campaignId + ":" + customer.id();
    }

    /** A follow-up call due; returns its reason key. */
    public static String followUpCallDue(String brokers, CustomerFixture.Customer customer, String callId) {
        TestEvents.publishExample(brokers, "aftersales.followup.events", "dealer.aftersales.FollowUpCallDue.v1", callId, 1,
                customer.branchId(), Map.of(EXAMPLE_CUSTOMER, customer.id(), "call-wo-2026-0001", callId,
                        "\"JS-NJ-01\"", "\"" + customer.branchId() + "\""));
        return "followup:" + callId;
    }

    public static String vin() {
        return "LSV" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
    }
}
