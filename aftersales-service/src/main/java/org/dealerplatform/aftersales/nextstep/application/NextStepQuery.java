package org.dealerplatform.aftersales.nextstep.application;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.dealerplatform.aftersales.campaign.Campaign;
import org.dealerplatform.aftersales.campaign.CampaignType;
import org.dealerplatform.aftersales.campaign.persistence.CampaignStore;
import org.dealerplatform.aftersales.campaign.persistence.InvitationStore;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * AFT-3: what to offer a customer next, the maintenance of their vehicles by due date and their open invitations.
 * GW-2, INT-1: the query itself decides what the caller may see, so no adapter can forget it: a customer outside the
 * caller's branch is not found, exactly like an unknown one (a 404, never an empty answer that would still say
 * "ask elsewhere"); HQ sees any customer.
 */
@Service
public class NextStepQuery {

    /** How many vehicles and invitations one answer holds at most. */
    static final int LIMIT = 100;

    private final CustomerReplica customers;
    private final VehicleStore vehicles;
    private final CampaignStore campaigns;
    private final InvitationStore invitations;
    private final BusinessCalendar calendar;

    public NextStepQuery(CustomerReplica customers, VehicleStore vehicles, CampaignStore campaigns,
            InvitationStore invitations, BusinessCalendar calendar) {
        this.customers = customers;
        this.vehicles = vehicles;
        this.campaigns = campaigns;
        this.invitations = invitations;
        this.calendar = calendar;
    }

    /** A vehicle's next maintenance. */
    public record MaintenanceStep(String vin, String model, LocalDate dueDate, Long dueMileageKm, long daysLeft) {
    }

    /** A campaign the customer is invited to that has not ended. */
    public record CampaignStep(String campaignId, CampaignType type, String name, LocalDate startDate, LocalDate endDate,
            String address) {
    }

    /**
     * Everything to offer, soonest first, and the customer's class as after-sales knows it (campaign audiences are
     * chosen by it; null until customer-service has classified the customer).
     */
    public record NextSteps(String customerId, String customerClass, List<MaintenanceStep> maintenance,
            List<CampaignStep> campaigns) {
    }

    /**
     * The customer's next steps.
     *
     * @throws NotFoundException the customer is unknown or of a branch the caller may not see
     */
    public NextSteps of(Caller caller, String customerId) {
        // a branch-scoped _id look-up in the customer replica: another branch's customer and an unknown one alike
        CustomerReplica.Known customer = customers.visibleTo(caller, customerId)
                .orElseThrow(() -> new NotFoundException("customer", customerId));
        LocalDate today = calendar.today();
        List<MaintenanceStep> maintenance = vehicles.dueOf(caller, customerId, LIMIT).stream()
                .map(v -> step(v, today)).toList();
        List<String> invitedTo = invitations.campaignIdsOf(customerId, LIMIT);
        List<CampaignStep> open = campaigns.openOf(caller, invitedTo, today).stream()
                .map(NextStepQuery::step).toList();
        return new NextSteps(customerId, customer.customerClass(), maintenance, open);
    }

    private static MaintenanceStep step(ServicedVehicle v, LocalDate today) {
        return new MaintenanceStep(v.vin(), v.model(), v.nextDueDate(), v.nextDueMileageKm(),
                ChronoUnit.DAYS.between(today, v.nextDueDate()));
    }

    private static CampaignStep step(Campaign c) {
        return new CampaignStep(c.id(), c.type(), c.name(), c.startDate(), c.endDate(), c.address());
    }
}
