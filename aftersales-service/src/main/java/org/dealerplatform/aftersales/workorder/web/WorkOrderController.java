package org.dealerplatform.aftersales.workorder.web;

import java.time.LocalDate;
import java.util.List;

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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.dealerplatform.aftersales.WorkshopRoles;
import org.dealerplatform.platform.catalogue.ModelCatalogueReplica;
import org.dealerplatform.aftersales.vehicle.JobType;
import org.dealerplatform.aftersales.vehicle.ServiceRecord;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.application.ServicedVehicles;
import org.dealerplatform.aftersales.workorder.WorkOrder;
import org.dealerplatform.aftersales.workorder.persistence.WorkOrders;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.Created;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.PageResponse;
import org.dealerplatform.platform.validation.DimensionValue;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Work orders (AFT-1): recorded at the caller's branch, listed within it (HQ: all branches). */
@RestController
@RequestMapping("/api/aftersales/work-orders")
@Validated
@Tag(name = "Work orders", description = "AFT-1 maintenance records; each one recomputes the vehicle's next due (AFT-2)")
public class WorkOrderController {

    private final ServicedVehicles vehicles;
    private final WorkOrders workOrders;
    private final BusinessCalendar calendar;
    private final ModelCatalogueReplica catalogue;

    public WorkOrderController(ServicedVehicles vehicles, WorkOrders workOrders, BusinessCalendar calendar,
            ModelCatalogueReplica catalogue) {
        this.catalogue = catalogue;
        this.vehicles = vehicles;
        this.workOrders = workOrders;
        this.calendar = calendar;
    }

    /** What a workshop sends when a job is done. Amounts in fen (1 yuan = 100 fen). */
    @Schema(example = """
            {"vin":"1HGCM82633A004352","jobType":"MAINTENANCE","serviceDate":"2026-11-20","mileageKm":5120,
             "items":["oil change","filter"],"partsFen":45000,"labourFen":20000,"technician":"tech-chen"}""")
    public record RecordWorkOrder(
            @NotBlank @Size(max = 17) @Pattern(regexp = "^[A-HJ-NPR-Z0-9]{17}$", message = "must be a 17-character VIN") @DimensionValue String vin,
            @Schema(description = "AFT-2: only MAINTENANCE restarts the maintenance cycle; every job's mileage counts "
                    + "for the km-per-day projection") @NotNull JobType jobType,
            @NotNull LocalDate serviceDate,
            @NotNull @PositiveOrZero @Max(5_000_000) Long mileageKm,
            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 200) String> items,
            @NotNull @PositiveOrZero Long partsFen,
            @NotNull @PositiveOrZero Long labourFen,
            @Size(max = 100) @DimensionValue String technician,
            @Size(max = 20) @DimensionValue String branchId,
            @Schema(description = "only for a vehicle new to the group (walk-in): a catalogue model id or alias (SAL-12, "
                    + "unknown → 422 model); without it an unknown VIN is refused (INT-1)") @Size(max = 100) @DimensionValue String model,
            @Schema(description = "ignored: a walk-in vehicle takes its catalogue model's category (SAL-12, CUS-4)") VehicleCategory category) {
    }

    /** A recorded work order with the vehicle's next due after it. */
    public record WorkOrderView(String id, String vin, String branchId, String customerId, JobType jobType,
            LocalDate serviceDate, long mileageKm, List<String> items, long partsFen, long labourFen, long totalFen,
            String technician, LocalDate nextDueDate, Long nextDueMileageKm) {
        static WorkOrderView of(WorkOrder w, LocalDate nextDueDate, Long nextDueMileageKm) {
            return new WorkOrderView(w.id(), w.vin(), w.branchId(), w.customerId(), w.jobType(), w.serviceDate(),
                    w.mileageKm(),
                    w.items(), w.partsFen(), w.labourFen(), w.totalFen(), w.technician(), nextDueDate, nextDueMileageKm);
        }
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "the recorded work order (Location: its URI)", useReturnTypeSchema = true)
    @Operation(summary = "Record a completed work order (AFT-1) of a job type; only MAINTENANCE restarts the cycle; "
            + "publishes MaintenanceRecorded with the next due (AFT-2). The VIN must be a vehicle of the caller's branch "
            + "(HQ: any) or, with a catalogue model (id or alias, else 422 model, SAL-12), new to the group; otherwise 422 on vin (INT-1)")
    public ResponseEntity<WorkOrderView> record(@Valid @RequestBody RecordWorkOrder request, Caller caller,
            IdempotencyKey key) {
        WorkshopRoles.requireWorkshopStaff(caller);
        String branch = caller.branchForNewRecord(request.branchId());
        if (request.serviceDate().isAfter(calendar.today())) {
            throw new RuleViolation("serviceDate", "a work order cannot be dated in the future");
        }
        String id = IdempotencyKey.newId("wo-", key); // REL-7: a retry names the same work order
        ServiceRecord service = new ServiceRecord(id, branch, request.jobType(), request.serviceDate(), request.mileageKm(),
                request.items(), request.partsFen(), request.labourFen(), request.technician());
        // SAL-12: a walk-in vehicle names a catalogue model (id or alias), so rows never split on spelling
        ModelCatalogueReplica.CatalogueModel model = request.model() == null || request.model().isBlank() ? null
                : catalogue.require(request.model(), "model");
        ServicedVehicle vehicle = vehicles.recordService(caller, service, request.vin(),
                model == null ? null : model.id(), model == null ? null : model.category(VehicleCategory.class, VehicleCategory.OTHER_SPECIAL), calendar.now(), key);
        WorkOrder workOrder = new WorkOrder(id, request.vin(), branch, vehicle.customerId(), request.jobType(),
                request.serviceDate(), request.mileageKm(), List.copyOf(request.items()), request.partsFen(),
                request.labourFen(), request.technician(), calendar.now());
        workOrders.storeOnce(workOrder); // a retry's copy is refused by _id: the first one stays
        return Created.at(id, WorkOrderView.of(workOrder, vehicle.nextDueDate(), vehicle.nextDueMileageKm()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One work order; another branch's answers 404")
    public WorkOrderView get(@PathVariable String id, Caller caller) {
        return workOrders.findVisible(caller, id).map(w -> WorkOrderView.of(w, null, null))
                .orElseThrow(() -> new NotFoundException("work order", id));
    }

    @GetMapping
    @Operation(summary = "Work orders of the branch, newest first, by VIN and service-date range")
    public PageResponse<WorkOrderView> list(
            @RequestParam(required = false) String vin,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        return workOrders.search(caller, vin, from, to, page, size).map(w -> WorkOrderView.of(w, null, null));
    }
}
