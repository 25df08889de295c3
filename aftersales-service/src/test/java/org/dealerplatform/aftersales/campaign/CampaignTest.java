package org.dealerplatform.aftersales.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.platform.domain.RuleViolation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CampaignTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

    static Candidate candidate(String customer, String customerClass, VehicleCategory category, LocalDate bought, long km,
            LocalDate lastVisit) {
        return new Candidate(customer, "VIN" + customer, customerClass, category, bought, km, lastVisit);
    }


    /** Runs launches in memory the way the job does: the plan, one wave over it, the invitations of earlier launches. */
    static final class Launches {
        final Map<String, String> invitations = new java.util.LinkedHashMap<>(); // invitation id -> launch id
        List<String> lastInvited = List.of();
        int n;

        LaunchResult launch(Campaign campaign, List<Candidate> candidates) {
            String launchId = "launch-" + n++;
            campaign.startLaunch(launchId, TODAY, NOW);
            LaunchPlan plan = LaunchPlan.of(campaign.audience(), candidates, TODAY);
            LaunchPlan.Wave wave = new LaunchPlan.Wave(launchId, campaign.capacity(), campaign.slotsTakenBeforeLaunch());
            List<String> invited = new ArrayList<>();
            for (InvitationOrder.Invitee invitee : wave.decide(campaign.id(), plan.ordered(), Map.copyOf(invitations))) {
                invitations.put(CampaignInvitation.idOf(campaign.id(), invitee.candidate().customerId()), launchId);
                invited.add(invitee.candidate().customerId());
            }
            lastInvited = invited;
            campaign.launchProgress(launchId, plan.eligible(), plan.eligible(), plan.eligible(), wave.invitedNow(),
                    wave.leftOut(), plan.excludedWithoutConsent());
            return campaign.finishLaunch(launchId, NOW);
        }
    }

    final Launches launches = new Launches();

    static Campaign freeTestingWeek(AudienceRule rule) {
        return Campaign.plan("camp-1", "JS-NJ-01", CampaignType.FREE_TESTING_WEEK, "免费检测周", "Free inspection",
                LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 13), "南京市江宁区汽车城路8号", rule, "manager");
    }

    @Test
    @DisplayName("AFT-4 the audience rule: class, vehicle category, vehicle age, mileage and last visit, each at its boundary")
    void audienceRule() {
        AudienceRule rule = new AudienceRule(Set.of("FIRST_CLASS"), Set.of(VehicleCategory.SUV), 2, 5, 20_000L, 80_000L,
                180, null);
        Candidate fits = candidate("c1", "FIRST_CLASS", VehicleCategory.SUV, TODAY.minusYears(2), 20_000,
                TODAY.minusDays(180));
        assertThat(rule.matches(fits, TODAY)).isTrue();
        assertThat(rule.matches(candidate("c2", "VIP", VehicleCategory.SUV, TODAY.minusYears(3), 30_000, null), TODAY)).isFalse();
        assertThat(rule.matches(candidate("c3", "FIRST_CLASS", VehicleCategory.MPV, TODAY.minusYears(3), 30_000, null), TODAY)).isFalse();
        assertThat(rule.matches(candidate("c4", "FIRST_CLASS", VehicleCategory.SUV, TODAY.minusYears(2).plusDays(1), 30_000, null), TODAY)).isFalse();
        assertThat(rule.matches(candidate("c5", "FIRST_CLASS", VehicleCategory.SUV, TODAY.minusYears(6), 30_000, null), TODAY)).isFalse();
        assertThat(rule.matches(candidate("c6", "FIRST_CLASS", VehicleCategory.SUV, TODAY.minusYears(3), 19_999, null), TODAY)).isFalse();
        assertThat(rule.matches(candidate("c7", "FIRST_CLASS", VehicleCategory.SUV, TODAY.minusYears(3), 80_001, null), TODAY)).isFalse();
        assertThat(rule.matches(candidate("c8", "FIRST_CLASS", VehicleCategory.SUV, TODAY.minusYears(3), 30_000, TODAY.minusDays(179)), TODAY)).isFalse();
        assertThat(rule.matches(candidate("c9", "FIRST_CLASS", VehicleCategory.SUV, TODAY.minusYears(3), 30_000, null), TODAY)).isTrue();

        AudienceRule loyal = new AudienceRule(null, null, null, null, null, null, null, 90);
        assertThat(loyal.matches(candidate("d1", null, VehicleCategory.SUV, null, 0, TODAY.minusDays(90)), TODAY)).isTrue();
        assertThat(loyal.matches(candidate("d2", null, VehicleCategory.SUV, null, 0, TODAY.minusDays(91)), TODAY)).isFalse();
        assertThat(loyal.matches(candidate("d3", null, VehicleCategory.SUV, null, 0, null), TODAY)).isFalse();
    }

    @Test
    @DisplayName("AFT-8 an invitation that gives its slot back frees it for the next launch, once per invitation; the customer is not invited again")
    void slotGivenBack() {
        Campaign campaign = freeTestingWeek(AudienceRule.anyone());
        campaign.declareSlots(List.of(new WorkshopSlots(LocalDate.of(2026, 12, 7), 1)));
        List<Candidate> two = List.of(candidate("c1", "VIP", VehicleCategory.SUV, null, 0, null),
                candidate("c2", "OTHER", VehicleCategory.SUV, null, 0, null));
        assertThat(launches.launch(campaign, two).invitedNow()).isEqualTo(1);
        assertThat(launches.launch(campaign, two).invitedNow()).isZero();

        assertThat(campaign.releaseSlot("camp-1:c1")).isTrue();
        assertThat(campaign.releaseSlot("camp-1:c1")).as("a redelivered failure gives nothing back twice").isFalse();
        assertThat(campaign.slotsTaken()).isZero();

        LaunchResult again = launches.launch(campaign, two);
        assertThat(again.invitedNow()).isEqualTo(1);
        assertThat(launches.invitations.keySet()).containsExactly("camp-1:c1", "camp-1:c2");
        assertThat(campaign.invitedTotal()).isEqualTo(2);
        assertThat(campaign.slotsTaken()).isEqualTo(1);
        assertThat(Campaign.parseReasonKey("campaign:camp-1:c1")).containsExactly("camp-1", "c1");
        assertThat(Campaign.parseReasonKey("maintenance-due:VIN:2027-01-01")).isNull();
    }

    @Test
    @DisplayName("AFT-8 a launch never invites more customers than the workshop slots of the campaign dates")
    void capacity() {
        Campaign campaign = freeTestingWeek(AudienceRule.anyone());
        assertThatThrownBy(() -> launches.launch(campaign, List.of())).isInstanceOf(RuleViolation.class)
                .hasMessageContaining("slots");
        campaign.declareSlots(List.of(new WorkshopSlots(LocalDate.of(2026, 12, 7), 2), new WorkshopSlots(LocalDate.of(2026, 12, 8), 1)));
        List<Candidate> five = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            five.add(candidate("c" + i, "OTHER", VehicleCategory.PASSENGER_CAR, TODAY.minusYears(1), 1_000, null));
        }
        LaunchResult result = launches.launch(campaign, five);
        assertThat(result).isEqualTo(new LaunchResult(5, 3, 3, 3, 2, 0));
        assertThat(launches.lastInvited).hasSize(3);
        assertThat(campaign.recordedEvents()).as("the content leaves once, with CampaignLaunched (issue 10)")
                .singleElement().isInstanceOf(CampaignEvents.CampaignLaunched.class);
        assertThatThrownBy(() -> campaign.declareSlots(List.of(new WorkshopSlots(LocalDate.of(2026, 12, 14), 5))))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("outside");
    }

    @Test
    @DisplayName("AFT-4 one invitation per customer (not per vehicle), reason key campaign:<id>:<customer>; a re-launch invites nobody twice")
    void idempotentRelaunch() {
        Campaign campaign = freeTestingWeek(AudienceRule.anyone());
        campaign.declareSlots(List.of(new WorkshopSlots(LocalDate.of(2026, 12, 7), 10)));
        Candidate first = candidate("c1", "OTHER", VehicleCategory.PASSENGER_CAR, null, 0, null);
        Candidate secondCar = new Candidate("c1", "VIN-OTHER", "OTHER", VehicleCategory.SUV, null, 0L, null);
        launches.launch(campaign, List.of(first, secondCar));
        assertThat(launches.lastInvited).containsExactly("c1");
        CampaignInvitation invitation = CampaignInvitation.invite("camp-1", "JS-NJ-01", "c1", "VIN", null, "launch-0", NOW);
        assertThat(invitation.id()).isEqualTo("camp-1:c1");
        assertThat(invitation.recordedEvents()).singleElement().isInstanceOfSatisfying(
                CampaignEvents.CampaignInvitationRequested.class, e -> {
                    assertThat(e.reasonKey()).isEqualTo("campaign:camp-1:c1");
                    assertThat(e.eventVersion()).isEqualTo(2);
                });

        Candidate newcomer = candidate("c2", "OTHER", VehicleCategory.PASSENGER_CAR, null, 0, null);
        LaunchResult again = launches.launch(campaign, List.of(first, newcomer));
        assertThat(again.invitedNow()).isEqualTo(1);
        assertThat(launches.lastInvited).containsExactly("c2");
    }

    @Test
    @DisplayName("AFT-6 VIP technical seminars and return visits invite VIP customers unless the rule names classes")
    void vipActivities() {
        Campaign seminar = Campaign.plan("camp-2", "JS-NJ-01", CampaignType.VIP_TECHNICAL_SEMINAR, "VIP 技术讲座",
                "New-energy maintenance", LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 10), "展厅二楼", null, "m");
        assertThat(seminar.audience().customerClasses()).containsExactly("VIP");
        seminar.declareSlots(List.of(new WorkshopSlots(LocalDate.of(2026, 12, 10), 30)));
        LaunchResult result = launches.launch(seminar, List.of(
                candidate("vip", "VIP", VehicleCategory.SUV, null, 0, null),
                candidate("first", "FIRST_CLASS", VehicleCategory.SUV, null, 0, null),
                candidate("unclassified", null, VehicleCategory.SUV, null, 0, null)));
        assertThat(result.invitedNow()).isEqualTo(1);

        Campaign visits = Campaign.plan("camp-3", "JS-NJ-01", CampaignType.VIP_RETURN_VISIT, "回访", "Return visit",
                TODAY, TODAY.plusDays(30), "客户处", new AudienceRule(Set.of("VIP", "FIRST_CLASS"), null, null, null, null,
                        null, null, null), "m");
        assertThat(visits.audience().customerClasses()).containsExactlyInAnyOrder("VIP", "FIRST_CLASS");
    }

    @Test
    @DisplayName("AFT-4 a campaign cannot end before it starts, nor invite after it ended")
    void dates() {
        assertThatThrownBy(() -> Campaign.plan("x", "JS-NJ-01", CampaignType.PREFERENTIAL_SERVICE_MONTH, "n", "c",
                TODAY, TODAY.minusDays(1), "a", null, "m")).isInstanceOf(RuleViolation.class);
        Campaign over = Campaign.plan("y", "JS-NJ-01", CampaignType.PREFERENTIAL_SERVICE_MONTH, "n", "c",
                TODAY.minusDays(30), TODAY.minusDays(1), "a", null, "m");
        over.declareSlots(List.of(new WorkshopSlots(TODAY.minusDays(2), 5)));
        assertThatThrownBy(() -> launches.launch(over, List.of())).isInstanceOf(RuleViolation.class);
    }

    List<String> invitedIn(Campaign campaign) {
        return launches.lastInvited;
    }

    @Test
    @DisplayName("AFT-4 when the audience exceeds the slots: VIP first, then first class, then the most recent visit")
    void priorityWhenSlotsRunOut() {
        Campaign campaign = freeTestingWeek(AudienceRule.anyone());
        campaign.declareSlots(List.of(new WorkshopSlots(LocalDate.of(2026, 12, 7), 4)));
        LaunchResult result = launches.launch(campaign, List.of(
                candidate("other-recent", "OTHER", VehicleCategory.SUV, null, 0, TODAY.minusDays(1)),
                candidate("first-old", "FIRST_CLASS", VehicleCategory.SUV, null, 0, TODAY.minusDays(300)),
                candidate("unclassified", null, VehicleCategory.SUV, null, 0, TODAY.minusDays(2)),
                candidate("vip-never", "VIP", VehicleCategory.SUV, null, 0, null),
                candidate("first-recent", "FIRST_CLASS", VehicleCategory.SUV, null, 0, TODAY.minusDays(10)),
                candidate("vip-recent", "VIP", VehicleCategory.SUV, null, 0, TODAY.minusDays(30))));
        assertThat(invitedIn(campaign)).containsExactly("vip-recent", "vip-never", "first-recent", "first-old");
        assertThat(result.leftOut()).isEqualTo(2);

        // the slots grow: the next in line is the most recent visit among the rest
        campaign.declareSlots(List.of(new WorkshopSlots(LocalDate.of(2026, 12, 7), 5)));
        launches.launch(campaign, List.of(
                candidate("unclassified", null, VehicleCategory.SUV, null, 0, TODAY.minusDays(2)),
                candidate("other-recent", "OTHER", VehicleCategory.SUV, null, 0, TODAY.minusDays(1))));
        assertThat(invitedIn(campaign)).containsExactly("other-recent");
    }

    @Test
    @DisplayName("AFT-4 a customer's most recent visit counts over all their vehicles")
    void recentVisitOverAllVehicles() {
        Campaign campaign = freeTestingWeek(AudienceRule.anyone());
        campaign.declareSlots(List.of(new WorkshopSlots(LocalDate.of(2026, 12, 7), 1)));
        launches.launch(campaign, List.of(
                new Candidate("two-cars", "VIN-OLD", "OTHER", VehicleCategory.SUV, null, 0L, TODAY.minusDays(400)),
                candidate("one-car", "OTHER", VehicleCategory.SUV, null, 0, TODAY.minusDays(20)),
                new Candidate("two-cars", "VIN-NEW", "OTHER", VehicleCategory.SUV, null, 0L, TODAY.minusDays(5))));
        assertThat(invitedIn(campaign)).containsExactly("two-cars");
    }

    @Test
    @DisplayName("AFT-4 customers without consent for any invitation channel (SMS, e-mail, letter) are left out and counted; unknown consents stay in")
    void consentExclusion() {
        Campaign campaign = freeTestingWeek(AudienceRule.anyone());
        campaign.declareSlots(List.of(new WorkshopSlots(LocalDate.of(2026, 12, 7), 10)));
        Map<String, Boolean> phoneOnly = Map.of("SMS", false, "EMAIL", false, "LETTER", false, "PHONE", true);
        LaunchResult result = launches.launch(campaign, List.of(
                new Candidate("phone-only", "VIN1", "VIP", VehicleCategory.SUV, null, 0L, TODAY, phoneOnly),
                new Candidate("phone-only", "VIN2", "VIP", VehicleCategory.SUV, null, 0L, TODAY, phoneOnly),
                new Candidate("email-ok", "VIN3", "OTHER", VehicleCategory.SUV, null, 0L, null,
                        Map.of("SMS", false, "EMAIL", true)),
                new Candidate("unknown", "VIN4", "OTHER", VehicleCategory.SUV, null, 0L, null, null)));
        assertThat(invitedIn(campaign)).containsExactlyInAnyOrder("email-ok", "unknown");
        assertThat(result).isEqualTo(new LaunchResult(2, 2, 2, 10, 0, 1));

        // outside the audience rule: not counted as excluded
        Campaign vipsOnly = freeTestingWeek(new AudienceRule(Set.of("VIP"), null, null, null, null, null, null, null));
        vipsOnly.declareSlots(List.of(new WorkshopSlots(LocalDate.of(2026, 12, 7), 10)));
        assertThat(launches.launch(vipsOnly, List.of(new Candidate("no-consent", "VIN5", "OTHER", VehicleCategory.SUV, null, 0L,
                null, Map.of("SMS", false, "EMAIL", false, "LETTER", false)))).excludedWithoutConsent()).isZero();
    }

    @Test
    @DisplayName("issue 10 AFT-8 a launch job resumed after a crash counts the invitations it made before as its own and invites nobody twice")
    void resumedWave() {
        Campaign campaign = freeTestingWeek(AudienceRule.anyone());
        campaign.declareSlots(List.of(new WorkshopSlots(LocalDate.of(2026, 12, 7), 2)));
        List<Candidate> three = List.of(candidate("c1", "VIP", VehicleCategory.SUV, null, 0, null),
                candidate("c2", "FIRST_CLASS", VehicleCategory.SUV, null, 0, null),
                candidate("c3", "OTHER", VehicleCategory.SUV, null, 0, null));
        assertThat(campaign.startLaunch("launch-a", TODAY, NOW)).isTrue();
        assertThat(campaign.startLaunch("launch-b", TODAY, NOW)).as("a running launch is joined, not doubled").isFalse();
        LaunchPlan plan = LaunchPlan.of(campaign.audience(), three, TODAY);
        // the first run wrote c1's invitation, then crashed; the resumed run sees it
        LaunchPlan.Wave resumed = new LaunchPlan.Wave("launch-a", campaign.capacity(), campaign.slotsTakenBeforeLaunch());
        List<InvitationOrder.Invitee> now = resumed.decide("camp-1", plan.ordered(), Map.of("camp-1:c1", "launch-a"));
        assertThat(now).extracting(i -> i.candidate().customerId()).containsExactly("c2");
        assertThat(resumed.invitedNow()).isEqualTo(2);
        assertThat(resumed.leftOut()).isEqualTo(1);
        campaign.launchProgress("launch-a", 3, 3, 3, resumed.invitedNow(), resumed.leftOut(), 0);
        assertThat(campaign.finishLaunch("launch-a", NOW)).isEqualTo(new LaunchResult(3, 2, 2, 2, 1, 0));
        // another launch later: both are an earlier launch's, nothing new fits
        assertThat(campaign.startLaunch("launch-c", TODAY, NOW)).isTrue();
        LaunchPlan.Wave later = new LaunchPlan.Wave("launch-c", campaign.capacity(), campaign.slotsTakenBeforeLaunch());
        assertThat(later.decide("camp-1", plan.ordered(), Map.of("camp-1:c1", "launch-a", "camp-1:c2", "launch-a"))).isEmpty();
        assertThat(later.invitedNow()).isZero();
        assertThat(campaign.recordedEvents()).as("CampaignLaunched once").hasSize(1);
    }
}
