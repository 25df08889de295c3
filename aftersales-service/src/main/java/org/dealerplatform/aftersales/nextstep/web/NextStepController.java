package org.dealerplatform.aftersales.nextstep.web;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** AFT-3: what to offer a customer next — the maintenance of their vehicles by due date, and their open invitations. */
@RestController
@RequestMapping("/api/aftersales/customers/{customerId}/next-steps")
@Tag(name = "Next steps", description = "AFT-3 the next service for a customer: maintenance due, campaigns")
public class NextStepController {

    private final VehicleStore vehicles;
    private final CampaignStore campaigns;
    private final InvitationStore invitations;
    private final BusinessCalendar calendar;
    private final CustomerReplica customers;

    public NextStepController(VehicleStore vehicles, CampaignStore campaigns, InvitationStore invitations,
            BusinessCalendar calendar, CustomerReplica customers) {
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

    /** Everything to offer, soonest first. */
    public record NextSteps(String customerId, List<MaintenanceStep> maintenance, List<CampaignStep> campaigns) {
    }

    @GetMapping
    @Operation(summary = "A customer's next steps: maintenance due (soonest first) and open invitations; another branch's customer answers 404 like an unknown one (HQ: any customer)")
    public NextSteps get(@PathVariable String customerId, Caller caller) {
        // GW-2, INT-1: like every per-customer read, a customer the caller may not see is not found (no existence leak)
        if (!customers.visibleTo(caller, customerId)) {
            throw new NotFoundException("customer", customerId);
        }
        LocalDate today = calendar.today();
        List<MaintenanceStep> maintenance = vehicles.dueOf(caller, customerId, 100).stream()
                .map(v -> step(v, today)).toList();
        List<String> invitedTo = invitations.campaignIdsOf(customerId, 100);
        List<CampaignStep> invitations = campaigns.openOf(caller, invitedTo, today).stream()
                .map(NextStepController::step).toList();
        return new NextSteps(customerId, maintenance, invitations);
    }

    private static MaintenanceStep step(ServicedVehicle v, LocalDate today) {
        return new MaintenanceStep(v.vin(), v.model(), v.nextDueDate(), v.nextDueMileageKm(),
                ChronoUnit.DAYS.between(today, v.nextDueDate()));
    }

    private static CampaignStep step(Campaign c) {
        return new CampaignStep(c.id(), c.type(), c.name(), c.startDate(), c.endDate(), c.address());
    }
}
