package org.dealerplatform.aftersales.vehicle.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.dealerplatform.aftersales.WorkshopRoles;
import org.dealerplatform.aftersales.vehicle.MaintenancePlan;
import org.dealerplatform.aftersales.vehicle.NextDue;
import org.dealerplatform.aftersales.vehicle.OdometerReading;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.application.ServicedVehicles;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Serviced vehicles: next due, odometer readings and plan overrides (AFT-2), within the caller's branch. */
@RestController
@RequestMapping("/api/aftersales/vehicles")
@Validated
@Tag(name = "Serviced vehicles", description = "AFT-2 maintenance plans and next due; CUS-9 current owner")
public class VehicleController {

    static final String VIN = "^[A-HJ-NPR-Z0-9]{17}$";

    private final ServicedVehicles vehicles;
    private final VehicleStore store;
    private final BusinessCalendar calendar;

    public VehicleController(ServicedVehicles vehicles, VehicleStore store, BusinessCalendar calendar) {
        this.vehicles = vehicles;
        this.store = store;
        this.calendar = calendar;
    }

    /** A serviced vehicle as staff see it. */
    public record VehicleView(String vin, String branchId, String customerId, String model, VehicleCategory category,
            String plate, LocalDate purchaseDate, MaintenancePlan plan, boolean planOverridden, LocalDate lastServiceDate,
            Long lastServiceKm, int serviceCount, LocalDate lastMaintenanceDate, Long lastMaintenanceKm,
            int maintenanceCount, Long lastKnownKm, double kmPerDay, LocalDate nextDueDate,
            Long nextDueMileageKm, NextDue.Rule dueRule, List<OdometerReading> readings, List<LocalDate> remindedDueDates,
            long version) {
        public static VehicleView of(ServicedVehicle v) {
            return new VehicleView(v.vin(), v.branchId(), v.customerId(), v.model(), v.category(), v.plate(),
                    v.purchaseDate(), v.effectivePlan(), v.planOverride() != null, v.lastServiceDate(), v.lastServiceKm(),
                    v.serviceCount(), v.lastMaintenanceDate(), v.lastMaintenanceKm(), v.maintenanceCount(),
                    v.lastKnownKm(), Math.round(v.kmPerDay() * 10) / 10.0, v.nextDueDate(), v.nextDueMileageKm(), v.dueRule(), v.readings(), v.remindedDueDates(), v.version());
        }
    }

    /** An odometer reading between services. */
    @Schema(example = "{\"date\":\"2026-11-20\",\"km\":8200}")
    public record MileageReading(@NotNull LocalDate date, @NotNull @PositiveOrZero @Max(5_000_000) Long km) {
    }

    /** A plan of the vehicle's own. */
    @Schema(example = "{\"firstMonths\":3,\"firstKm\":3000,\"regularMonths\":6,\"regularKm\":5000}")
    public record PlanOverride(@NotNull @Min(1) @Max(120) Integer firstMonths, @NotNull @Min(1) @Max(1_000_000) Long firstKm,
            @NotNull @Min(1) @Max(120) Integer regularMonths, @NotNull @Min(1) @Max(1_000_000) Long regularKm) {
    }

    @GetMapping("/{vin}")
    @Operation(summary = "One serviced vehicle with its plan, km per day and next due (AFT-2); another branch's answers 404")
    public VehicleView get(@PathVariable @Pattern(regexp = VIN, message = "must be a 17-character VIN") String vin,
            Caller caller) {
        return vehicles.findVisible(caller, vin).map(VehicleView::of).orElseThrow(() -> new NotFoundException("vehicle", vin));
    }

    @GetMapping
    @Operation(summary = "Serviced vehicles of the branch, by owner or due before a date, in due-date order")
    public PageResponse<VehicleView> list(
            @RequestParam(required = false) String customerId,
            @RequestParam(required = false) LocalDate dueBefore,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        return store.search(caller, customerId, dueBefore, page, size).map(VehicleView::of);
    }

    @PostMapping("/{vin}/mileage")
    @Operation(summary = "Record an odometer reading; the km per day and the next due are recomputed (AFT-2)")
    public VehicleView recordMileage(@PathVariable @Pattern(regexp = VIN, message = "must be a 17-character VIN") String vin,
            @Valid @RequestBody MileageReading reading, Caller caller, IdempotencyKey key) {
        WorkshopRoles.requireWorkshopStaff(caller);
        if (reading.date().isAfter(calendar.today())) {
            throw new RuleViolation("date", "a reading cannot be dated in the future");
        }
        return VehicleView.of(vehicles.recordMileage(caller, vin, reading.date(), reading.km(), key));
    }

    @PutMapping("/{vin}/plan")
    @Operation(summary = "Override the vehicle's maintenance plan (AFT-2); the next due is recomputed")
    public VehicleView overridePlan(@PathVariable @Pattern(regexp = VIN, message = "must be a 17-character VIN") String vin,
            @Valid @RequestBody PlanOverride plan, Caller caller) {
        WorkshopRoles.requireWorkshopStaff(caller);
        return VehicleView.of(vehicles.overridePlan(caller, vin,
                new MaintenancePlan(plan.firstMonths(), plan.firstKm(), plan.regularMonths(), plan.regularKm())));
    }

    @DeleteMapping("/{vin}/plan")
    @Operation(summary = "Return the vehicle to the default plan of its model and category (AFT-2)")
    public VehicleView resetPlan(@PathVariable @Pattern(regexp = VIN, message = "must be a 17-character VIN") String vin,
            Caller caller) {
        WorkshopRoles.requireWorkshopStaff(caller);
        return VehicleView.of(vehicles.overridePlan(caller, vin, null));
    }
}
