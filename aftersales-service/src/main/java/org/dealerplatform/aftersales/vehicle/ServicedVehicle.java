package org.dealerplatform.aftersales.vehicle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.outbox.AggregateRoot;

/**
 * A vehicle the workshops look after (id = VIN): its current owner (CUS-9), odometer history, maintenance plan and
 * next due date (AFT-2), and which due dates were already reminded (AFT-3).
 *
 * <p>Two "last" dates: {@code lastServiceDate} is the last work order of any job type (the customer's last visit, for
 * campaign audiences), {@code lastMaintenanceDate} the last maintenance, which alone restarts the cycle (AFT-2). Until
 * the first maintenance the first-service interval from the purchase date holds, whatever repairs came in between.
 * Every job's odometer still counts for the km-per-day projection: the odometer does not care why the car came in.
 *
 * <p>{@code reminderPending} is true while the current due date has an owner to remind and was not reminded yet; the
 * reminder sweep finds vehicles by it and the due date (one index), so it never looks at the rest.
 */
public class ServicedVehicle extends AggregateRoot {

    static final int READINGS_KEPT = 24;
    static final int MARKS_KEPT = 20;

    private String customerId;
    private LocalDate ownerSince;
    private String model;
    private VehicleCategory category;
    private String plate;
    private LocalDate purchaseDate;
    private MaintenancePlan defaultPlan;
    private MaintenancePlan planOverride;
    private LocalDate lastServiceDate;
    private Long lastServiceKm;
    private int serviceCount;
    private LocalDate lastMaintenanceDate;
    private Long lastMaintenanceKm;
    private int maintenanceCount;
    private List<OdometerReading> readings;
    private Long lastKnownKm;
    private LocalDate nextDueDate;
    private Long nextDueMileageKm;
    private NextDue.Rule dueRule;
    private boolean reminderPending;
    private List<LocalDate> remindedDueDates;
    private List<String> appliedMarks;

    public ServicedVehicle(String id, String branchId, String customerId, LocalDate ownerSince, String model,
            VehicleCategory category, String plate, LocalDate purchaseDate, MaintenancePlan defaultPlan,
            MaintenancePlan planOverride, LocalDate lastServiceDate, Long lastServiceKm, int serviceCount,
            LocalDate lastMaintenanceDate, Long lastMaintenanceKm, Integer maintenanceCount, List<OdometerReading> readings, Long lastKnownKm, LocalDate nextDueDate, Long nextDueMileageKm,
            NextDue.Rule dueRule, boolean reminderPending, List<LocalDate> remindedDueDates, List<String> appliedMarks,
            long version) {
        super(id, branchId, version);
        this.customerId = customerId;
        this.ownerSince = ownerSince;
        this.model = model;
        this.category = category;
        this.plate = plate;
        this.purchaseDate = purchaseDate;
        this.defaultPlan = defaultPlan;
        this.planOverride = planOverride;
        this.lastServiceDate = lastServiceDate;
        this.lastServiceKm = lastServiceKm;
        this.serviceCount = serviceCount;
        if (maintenanceCount == null) {
            // saved before work orders had a job type (AFT-2): every one of them was taken for a maintenance then
            this.lastMaintenanceDate = lastServiceDate;
            this.lastMaintenanceKm = lastServiceKm;
            this.maintenanceCount = serviceCount;
        } else {
            this.lastMaintenanceDate = lastMaintenanceDate;
            this.lastMaintenanceKm = lastMaintenanceKm;
            this.maintenanceCount = maintenanceCount;
        }
        this.readings = readings == null ? new ArrayList<>() : new ArrayList<>(readings);
        this.lastKnownKm = lastKnownKm;
        this.nextDueDate = nextDueDate;
        this.nextDueMileageKm = nextDueMileageKm;
        this.dueRule = dueRule;
        this.reminderPending = reminderPending;
        this.remindedDueDates = remindedDueDates == null ? new ArrayList<>() : new ArrayList<>(remindedDueDates);
        this.appliedMarks = appliedMarks == null ? new ArrayList<>() : new ArrayList<>(appliedMarks);
    }

    /** A vehicle that becomes a serviced vehicle: sold or registered at {@code branchId} for {@code customerId}. */
    public static ServicedVehicle register(String vin, String branchId, String customerId, String model,
            VehicleCategory category, String plate, LocalDate purchaseDate, MaintenancePlanCatalogue plans) {
        Objects.requireNonNull(vin, "vin");
        Objects.requireNonNull(branchId, "branchId");
        ServicedVehicle vehicle = new ServicedVehicle(vin, branchId, customerId, purchaseDate, model,
                category == null ? VehicleCategory.PASSENGER_CAR : category, plate, purchaseDate,
                plans.planFor(model, category), null, null, null, 0, null, null, 0, List.of(), null, null, null, null, false,
                List.of(), List.of(), 0);
        vehicle.recompute();
        return vehicle;
    }

    /**
     * The customer file or a sale tells what the vehicle is and who bought it when. The owner only changes if this news
     * is not older than a transfer already applied (events of different customers are not ordered with each other).
     */
    public void describe(String newCustomerId, String newModel, VehicleCategory newCategory, String newPlate,
            LocalDate newPurchaseDate, MaintenancePlanCatalogue plans) {
        if (newModel != null) {
            model = newModel;
        }
        if (newCategory != null) {
            category = newCategory;
        }
        if (newPlate != null) {
            plate = newPlate;
        }
        if (newPurchaseDate != null && (purchaseDate == null || newPurchaseDate.isAfter(purchaseDate))) {
            purchaseDate = newPurchaseDate;
        }
        if (newCustomerId != null && (customerId == null || ownerSince == null
                || (newPurchaseDate != null && !newPurchaseDate.isBefore(ownerSince)))) {
            customerId = newCustomerId;
            ownerSince = newPurchaseDate != null ? newPurchaseDate : ownerSince;
        }
        defaultPlan = plans.planFor(model, category);
        recompute();
    }

    /** The vehicle changed owner (CUS-9): from now on only the new owner is reminded. A stale transfer changes nothing. */
    public void transferTo(String newCustomerId, LocalDate transferDate) {
        Objects.requireNonNull(newCustomerId, "newCustomerId");
        if (ownerSince != null && transferDate != null && transferDate.isBefore(ownerSince)) {
            return;
        }
        customerId = newCustomerId;
        ownerSince = transferDate;
        recompute();
    }

    /**
     * The owner's customer file was merged into another one (CUS-6): the same person, so the ownership date stays and
     * reminders go to the surviving file.
     */
    public boolean ownerMergedInto(String mergedCustomerId, String survivingCustomerId) {
        if (customerId == null || !customerId.equals(mergedCustomerId)) {
            return false;
        }
        customerId = survivingCustomerId;
        recompute();
        return true;
    }

    /**
     * Records a completed work order (AFT-1). Its odometer joins the history of every job type; only a maintenance
     * restarts the cycle the next due is computed from (AFT-2).
     */
    public void recordService(ServiceRecord service, String customerAtService, Instant now) {
        if (appliedMarks.contains("wo:" + service.workOrderId())) {
            return;
        }
        requireNotBelowOdometer(service.serviceDate(), service.mileageKm(), "mileageKm");
        if (lastServiceDate == null || !service.serviceDate().isBefore(lastServiceDate)) {
            lastServiceDate = service.serviceDate();
            lastServiceKm = service.mileageKm();
        }
        serviceCount++;
        if (service.jobType().restartsMaintenanceCycle()) {
            if (lastMaintenanceDate == null || !service.serviceDate().isBefore(lastMaintenanceDate)) {
                lastMaintenanceDate = service.serviceDate();
                lastMaintenanceKm = service.mileageKm();
            }
            maintenanceCount++;
        }
        addReading(new OdometerReading(service.serviceDate(), service.mileageKm()));
        mark("wo:" + service.workOrderId());
        recompute();
        record(new VehicleEvents.MaintenanceRecorded(service.workOrderId(), id,
                customerAtService != null ? customerAtService : customerId, service.branchId(), service.jobType(),
                service.serviceDate(),
                service.mileageKm(), List.copyOf(service.items()), service.partsFen(), service.labourFen(),
                service.technician(), nextDueDate, nextDueMileageKm, now));
    }

    /** An odometer reading between services (AFT-2); it may move the projected km date either way. */
    public void recordMileage(LocalDate date, long km) {
        requireNotBelowOdometer(date, km, "km");
        addReading(new OdometerReading(date, km));
        recompute();
    }

    /** A plan of this vehicle's own, overriding the default of its model and category (AFT-2); null returns to the default. */
    public void overridePlan(MaintenancePlan plan) {
        planOverride = plan;
        recompute();
    }

    /**
     * Publishes {@code MaintenanceDue} if the current due date lies within {@code leadDays} of {@code today} and was not
     * reminded yet (AFT-3). Returns whether a reminder was recorded.
     */
    public boolean remindIfDue(LocalDate today, int leadDays) {
        if (!reminderPending || nextDueDate == null || customerId == null
                || nextDueDate.isAfter(today.plusDays(leadDays))) {
            return false;
        }
        String reasonKey = reasonKey(id, nextDueDate);
        record(new VehicleEvents.MaintenanceDue(id, customerId, branchId, nextDueDate, nextDueMileageKm,
                model, reasonKey));
        remindedDueDates.add(nextDueDate);
        if (remindedDueDates.size() > MARKS_KEPT) {
            remindedDueDates.remove(0);
        }
        reminderPending = false;
        return true;
    }

    public static String reasonKey(String vin, LocalDate dueDate) {
        return "maintenance-due:" + vin + ":" + dueDate;
    }

    /** Whether an incoming event was applied to this vehicle already (consumers are idempotent). */
    public boolean hasApplied(String mark) {
        return appliedMarks.contains(mark);
    }

    public void markApplied(String mark) {
        mark(mark);
    }

    public MaintenancePlan effectivePlan() {
        return planOverride != null ? planOverride : defaultPlan;
    }

    public double kmPerDay() {
        return MaintenanceSchedule.kmPerDay(purchaseDate, readings);
    }

    private void requireNotBelowOdometer(LocalDate date, long km, String field) {
        for (OdometerReading reading : readings) {
            if (!reading.date().isAfter(date) && reading.km() > km) {
                throw new RuleViolation(field, "the odometer showed " + reading.km() + " km on " + reading.date()
                        + "; " + km + " km on " + date + " would run it backwards");
            }
            if (reading.date().isAfter(date) && reading.km() < km) {
                throw new RuleViolation(field, "the odometer showed only " + reading.km() + " km later, on "
                        + reading.date() + "; " + km + " km on " + date + " cannot be right");
            }
        }
    }

    private void addReading(OdometerReading reading) {
        readings.add(reading);
        readings.sort(Comparator.comparing(OdometerReading::date).thenComparingLong(OdometerReading::km));
        while (readings.size() > READINGS_KEPT) {
            readings.remove(0);
        }
        OdometerReading latest = readings.get(readings.size() - 1);
        lastKnownKm = latest.km();
    }

    private void mark(String mark) {
        appliedMarks.add(mark);
        while (appliedMarks.size() > MARKS_KEPT) {
            appliedMarks.remove(0);
        }
    }

    private void recompute() {
        OdometerReading last = lastMaintenanceDate == null ? null
                : new OdometerReading(lastMaintenanceDate, lastMaintenanceKm);
        NextDue next = MaintenanceSchedule.nextDue(effectivePlan(), purchaseDate, last, readings);
        nextDueDate = next == null ? null : next.date();
        nextDueMileageKm = next == null ? null : next.mileageKm();
        dueRule = next == null ? null : next.rule();
        reminderPending = nextDueDate != null && customerId != null && !remindedDueDates.contains(nextDueDate);
    }

    public String vin() {
        return id;
    }

    public String customerId() {
        return customerId;
    }

    public LocalDate ownerSince() {
        return ownerSince;
    }

    public String model() {
        return model;
    }

    public VehicleCategory category() {
        return category;
    }

    public String plate() {
        return plate;
    }

    public LocalDate purchaseDate() {
        return purchaseDate;
    }

    public MaintenancePlan defaultPlan() {
        return defaultPlan;
    }

    public MaintenancePlan planOverride() {
        return planOverride;
    }

    public LocalDate lastServiceDate() {
        return lastServiceDate;
    }

    public Long lastServiceKm() {
        return lastServiceKm;
    }

    public int serviceCount() {
        return serviceCount;
    }

    /** The last maintenance (AFT-2), the start of the current cycle; null before the first one. */
    public LocalDate lastMaintenanceDate() {
        return lastMaintenanceDate;
    }

    public Long lastMaintenanceKm() {
        return lastMaintenanceKm;
    }

    public int maintenanceCount() {
        return maintenanceCount;
    }

    public List<OdometerReading> readings() {
        return List.copyOf(readings);
    }

    public Long lastKnownKm() {
        return lastKnownKm;
    }

    public LocalDate nextDueDate() {
        return nextDueDate;
    }

    public Long nextDueMileageKm() {
        return nextDueMileageKm;
    }

    public NextDue.Rule dueRule() {
        return dueRule;
    }

    public boolean reminderPending() {
        return reminderPending;
    }

    public List<LocalDate> remindedDueDates() {
        return List.copyOf(remindedDueDates);
    }

    public List<String> appliedMarks() {
        return List.copyOf(appliedMarks);
    }
}
