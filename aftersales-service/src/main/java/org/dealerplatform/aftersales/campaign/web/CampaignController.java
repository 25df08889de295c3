package org.dealerplatform.aftersales.campaign.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.dealerplatform.aftersales.campaign.AudienceRule;
import org.dealerplatform.aftersales.campaign.Campaign;
import org.dealerplatform.aftersales.campaign.CampaignType;
import org.dealerplatform.aftersales.campaign.WorkshopSlots;
import org.dealerplatform.aftersales.campaign.application.CampaignLaunches;
import org.dealerplatform.aftersales.campaign.persistence.CampaignStore;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.security.Role;
import org.dealerplatform.platform.web.Created;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.PageResponse;
import org.dealerplatform.platform.validation.DimensionValue;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Campaigns of a branch (AFT-4, AFT-6, AFT-8): planned and launched by its manager (or HQ), read by its staff. */
@RestController
@RequestMapping("/api/aftersales/campaigns")
@Validated
@Tag(name = "Campaigns", description = "AFT-4 service campaigns, AFT-6 VIP seminars and return visits, AFT-8 capacity")
public class CampaignController {

    private final CampaignStore campaigns;
    private final CampaignLaunches launches;

    public CampaignController(CampaignStore campaigns, CampaignLaunches launches) {
        this.campaigns = campaigns;
        this.launches = launches;
    }

    /** Who to invite; every part optional. */
    public record AudienceRequest(@Size(max = 10) Set<@NotBlank @Size(max = 30) @DimensionValue String> customerClasses,
            @Size(max = 20) Set<VehicleCategory> vehicleCategories,
            @Min(0) Integer minVehicleAgeYears, @Min(0) Integer maxVehicleAgeYears, @PositiveOrZero Long minMileageKm,
            @PositiveOrZero Long maxMileageKm, @Min(0) Integer notVisitedForDays, @Min(0) Integer visitedWithinDays) {
        AudienceRule toRule() {
            return new AudienceRule(customerClasses, vehicleCategories, minVehicleAgeYears, maxVehicleAgeYears,
                    minMileageKm, maxMileageKm, notVisitedForDays, visitedWithinDays);
        }
    }

    /** A campaign to plan. */
    @Schema(example = """
            {"type":"FREE_TESTING_WEEK","name":"免费检测周","content":"Free 30-point inspection and winter check",
             "startDate":"2026-12-07","endDate":"2026-12-13","address":"南京市江宁区汽车城路8号",
             "audience":{"vehicleCategories":["PASSENGER_CAR","SUV"],"minVehicleAgeYears":2,"notVisitedForDays":180}}""")
    public record PlanCampaign(@NotNull CampaignType type, @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 4000) String content, @NotNull LocalDate startDate, @NotNull LocalDate endDate,
            @NotBlank @Size(max = 300) String address, @Valid AudienceRequest audience, @Size(max = 20) @DimensionValue String branchId) {
    }

    /** The workshop slots per campaign day. */
    @Schema(example = "{\"slots\":[{\"date\":\"2026-12-07\",\"slots\":20},{\"date\":\"2026-12-08\",\"slots\":20}]}")
    public record DeclareSlots(@NotEmpty @Size(max = 366) List<@Valid Day> slots) {
    }

    /** One campaign day's capacity. */
    public record Day(@NotNull LocalDate date, @NotNull @Min(0) @Max(10_000) Integer slots) {
    }

    /** A campaign as staff see it. */
    public record CampaignView(String id, String branchId, CampaignType type, String name, String content,
            LocalDate startDate, LocalDate endDate, String address, AudienceRule audience, List<WorkshopSlots> slots,
            int capacity, int invited, @Schema(description = "invitations that gave their slot back: suppressed, failed "
                    + "or sent after the campaign's end (AFT-8)") int slotsReleased, Campaign.Status status,
            Instant lastLaunchedAt, @Schema(description = "the latest launch job (issue 10), null before the first")
            LaunchView launch, long version) {
        static CampaignView of(Campaign c) {
            return new CampaignView(c.id(), c.branchId(), c.type(), c.name(), c.content(), c.startDate(), c.endDate(),
                    c.address(), c.audience(), c.slots(), c.capacity(), c.invitedTotal(), c.slotsReleased(), c.status(),
                    c.lastLaunchedAt(), c.launch() == null ? null : LaunchView.of(c, c.launch()), c.version());
        }
    }

    /** A launch job and what it did so far (AFT-4, AFT-8, issue 10); DONE: what it did in all. */
    @Schema(example = """
            {"launchId":"launch-0193a1c0-2222-7aaa-8bbb-000000000001","campaignId":"camp-0193a1c0",
             "state":"RUNNING","total":100000,"processed":42000,"eligible":100000,"invitedNow":20000,
             "invitedTotal":20000,"capacity":20000,"leftOut":22000,"excludedWithoutConsent":312,
             "startedAt":"2026-12-01T02:00:00Z","finishedAt":null}""")
    public record LaunchView(String launchId, String campaignId, Campaign.LaunchState state,
            @Schema(description = "eligible customers the job decides, known once it read the audience") int total,
            @Schema(description = "eligible customers decided so far, in invitation order") int processed,
            @Schema(description = "distinct customers the audience rule admits and who consent to an invitation channel")
            int eligible, @Schema(description = "invitations this launch requested") int invitedNow,
            @Schema(description = "invitations of the campaign so far") int invitedTotal,
            @Schema(description = "workshop slots of the campaign dates (AFT-8)") int capacity,
            @Schema(description = "eligible customers not invited for lack of slots") int leftOut,
            @Schema(description = "customers the rule admits who consent to no invitation channel") int excludedWithoutConsent,
            Instant startedAt,
            @Schema(types = {"string", "null"}, format = "date-time", description = "null while the job runs") Instant finishedAt) {
        static LaunchView of(Campaign c, Campaign.Launch l) {
            return new LaunchView(l.id(), c.id(), l.state(), l.total(), l.processed(), l.eligible(), l.invitedNow(),
                    l.invitedBefore() + l.invitedNow(), c.capacity(), l.leftOut(), l.excludedWithoutConsent(),
                    l.startedAt(), l.finishedAt());
        }
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "the planned campaign (Location: its URI)", useReturnTypeSchema = true)
    @Operation(summary = "Plan a campaign with content, dates, address and audience rule (AFT-4); VIP seminars and "
            + "return visits invite VIP customers unless the rule names classes (AFT-6)")
    public ResponseEntity<CampaignView> plan(@Valid @RequestBody PlanCampaign request, Caller caller,
            IdempotencyKey key) {
        requireManager(caller);
        String branch = caller.branchForNewRecord(request.branchId());
        Campaign campaign = Campaign.plan(IdempotencyKey.newId("camp-", key), branch, request.type(), request.name(),
                request.content(), request.startDate(), request.endDate(), request.address(),
                request.audience() == null ? null : request.audience().toRule(), caller.userId());
        Campaign answer = campaigns.insertOnce(campaign, key).aggregate(); // REL-7: a retry answers the first plan
        return Created.at(answer.id(), CampaignView.of(answer));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One campaign; another branch's answers 404")
    public CampaignView get(@PathVariable String id, Caller caller) {
        return CampaignView.of(visible(caller, id));
    }

    @GetMapping
    @Operation(summary = "Campaigns of the branch, latest start first")
    public PageResponse<CampaignView> list(@RequestParam(required = false) CampaignType type,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, Caller caller) {
        return campaigns.search(caller, type, page, size).map(CampaignView::of);
    }

    @PutMapping("/{id}/slots")
    @Operation(summary = "Declare the workshop slots per campaign day: the cap of every invitation wave (AFT-8)")
    public CampaignView declareSlots(@PathVariable String id, @Valid @RequestBody DeclareSlots request, Caller caller) {
        requireManager(caller);
        Campaign campaign = visible(caller, id);
        campaign.declareSlots(request.slots().stream().map(d -> new WorkshopSlots(d.date(), d.slots())).toList());
        campaigns.update(campaign);
        return CampaignView.of(campaign);
    }

    @PostMapping("/{id}/launch")
    @Operation(summary = "Launch: a job that requests one CampaignInvitationRequested per eligible customer, never more "
            + "than the slots, VIP first, then first class, then the most recent visit; launching again invites only "
            + "customers not invited yet (AFT-4, AFT-8). Issue 10: answered with the finished launch (200) when it ends "
            + "within about 2 s, otherwise 202 with the running job and its Location "
            + "(GET /api/aftersales/campaigns/{id}/launches/{launchId}); while a launch runs, launching again answers "
            + "that one", responses = {
            @ApiResponse(responseCode = "200", description = "the launch finished: what it did"),
            @ApiResponse(responseCode = "202", description = "the launch runs on: its progress so far"),
            @ApiResponse(responseCode = "404", description = "no such campaign in the caller's branch"),
            @ApiResponse(responseCode = "422", description = "the campaign is over, or no workshop slots are declared")})
    public ResponseEntity<LaunchView> launch(@PathVariable String id, Caller caller, IdempotencyKey key) {
        requireManager(caller);
        Campaign campaign = visible(caller, id);
        if (!(campaign.alreadyApplied(key) && campaign.launch() != null)) { // REL-7: a retry answers this launch
            campaign = launches.start(campaign, key);
        }
        Campaign now = launches.awaitBriefly(id, campaign.launch().id());
        return answer(now, now.launch());
    }

    @GetMapping("/{id}/launches/{launchId}")
    @Operation(summary = "A launch job of the campaign: state, progress and counts (issue 10); only the latest launch "
            + "is kept, an older one or another branch's answers 404")
    public LaunchView launchJob(@PathVariable String id, @PathVariable String launchId, Caller caller) {
        Campaign campaign = visible(caller, id);
        if (campaign.launch() == null || !campaign.launch().id().equals(launchId)) {
            throw new NotFoundException("launch", launchId);
        }
        return LaunchView.of(campaign, campaign.launch());
    }

    private static ResponseEntity<LaunchView> answer(Campaign campaign, Campaign.Launch launch) {
        LaunchView view = LaunchView.of(campaign, launch);
        if (!launch.running()) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.accepted().location(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/aftersales/campaigns/{id}/launches/{launchId}").buildAndExpand(campaign.id(), launch.id())
                .toUri()).body(view);
    }

    private Campaign visible(Caller caller, String id) {
        return campaigns.findVisible(id, caller)
                .orElseThrow(() -> new NotFoundException("campaign", id));
    }

    private static void requireManager(Caller caller) {
        if (!caller.isHq() && !caller.hasRole(Role.BRANCH_MANAGER)) {
            throw new AccessDeniedException("only the branch manager or HQ plans and launches campaigns");
        }
    }
}
