package org.dealerplatform.aftersales.vehicle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.outbox.AggregateRoot;
import org.springframework.data.annotation.Transient;

/**
 * A vehicle the workshops look after (id = VIN): its current owner (CUS-9), odometer history, maintenance plan and
 * next due date (AFT-2), and which due dates were already reminded (AFT-3).
 *
 * <p>Its work orders so far are one value part, {@link ServiceHistory}. Until the first maintenance the first-service
 * interval from the purchase date holds, whatever repairs came in between. Every job's odometer still counts for the
 * km-per-day projection: the odometer does not care why the car came in.
 *
 * <p>Consumers' marks of applied events live in the platform's {@link AggregateRoot} ({@link #hasApplied}), not here;
 * the vehicle only asks there whether a work order was counted already.
 *
 * <p>{@code reminderPending} is true while the current due date has an owner to remind and was not reminded yet; the
 * reminder sweep finds vehicles by it and the due date (one index), so it never looks at the rest.
 */
public class ServicedVehicle extends AggregateRoot {

    static final int READINGS_KEPT = 24;
    static final int REMINDED_DATES_KEPT = 20;

    private String customerId;
    private LocalDate ownerSince;
    private String model;
    private VehicleCategory category;
    private String plate;
    private LocalDate purchaseDate;
    private MaintenancePlan defaultPlan;
    private MaintenancePlan planOverride;
    private ServiceHistory serviceHistory = ServiceHistory.NONE;
    private List<OdometerReading> readings = new ArrayList<>();
    private Long lastKnownKm;
    private LocalDate nextDueDate;
    private Long nextDueMileageKm;
    private NextDue.Rule dueRule;
    private boolean reminderPending;
    private List<LocalDate> remindedDueDates = new ArrayList<>();
    /**
     * Not stored: the vehicle is new or its owner changed since it was loaded, so its store lists it under the owner
     * before the write (issue 10: a customer's vehicles by {@code _id}, not by a scan).
     */
    @Transient
    private transient boolean ownerChanged;

    /** For the mapping layer only. */
    private ServicedVehicle() {
    }

    private ServicedVehicle(String vin, String branchId, String customerId, LocalDate ownerSince, String model,
            VehicleCategory category, String plate, LocalDate purchaseDate, MaintenancePlanCatalogue plans) {
        super(Objects.requireNonNull(vin, "vin"), Objects.requireNonNull(branchId, "branchId"), 0);
        this.customerId = customerId;
        this.ownerChanged = true;
        this.ownerSince = ownerSince;
        this.model = model;
        this.category = category == null ? VehicleCategory.PASSENGER_CAR : category;
        this.plate = plate;
        this.purchaseDate = purchaseDate;
        this.defaultPlan = plans.planFor(model, category);
        recompute();
    }

    /** Whether the vehicle is new or changed owner since it was loaded (its store lists it under the owner). */
    public boolean ownerChanged() {
        return ownerChanged;
    }

    /** A vehicle that becomes a serviced vehicle: sold or registered at {@code branchId} for {@code customerId}. */
    public static ServicedVehicle register(String vin, String branchId, String customerId, String model,
            VehicleCategory category, String plate, LocalDate purchaseDate, MaintenancePlanCatalogue plans) {
        return new ServicedVehicle(vin, branchId, customerId, purchaseDate, model, category, plate, purchaseDate, plans);
    }

    /** A VIN first seen at a work order of {@code branchId} (a walk-in customer): what it is, no owner or purchase yet. */
    public static ServicedVehicle walkIn(String vin, String branchId, String model, VehicleCategory category,
            MaintenancePlanCatalogue plans) {
        return new ServicedVehicle(vin, branchId, null, null, model, category, null, null, plans);
    }

    /** A VIN first heard of in an ownership transfer (CUS-9): only its new owner, from {@code transferDate}. */
    public static ServicedVehicle transferred(String vin, String branchId, String toCustomerId, LocalDate transferDate,
            MaintenancePlanCatalogue plans) {
        ServicedVehicle vehicle = new ServicedVehicle(vin, branchId, toCustomerId, null, null, null, null, null, plans);
        vehicle.transferTo(toCustomerId, transferDate);
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
            ownerChanged |= !newCustomerId.equals(customerId);
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
        ownerChanged |= !newCustomerId.equals(customerId);
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
        ownerChanged = true;
        customerId = survivingCustomerId;
        recompute();
        return true;
    }

    /**
     * Records a completed work order (AFT-1). Its odometer joins the history of every job type; only a maintenance
     * restarts the cycle the next due is computed from (AFT-2).
     */
    public void recordService(ServiceRecord service, String customerAtService, Instant now) {
        if (hasApplied(workOrderMark(service.workOrderId()))) {
            return;
        }
        requireNotBelowOdometer(service.serviceDate(), service.mileageKm(), "mileageKm");
        serviceHistory = serviceHistory.with(service);
        addReading(new OdometerReading(service.serviceDate(), service.mileageKm()));
        markApplied(workOrderMark(service.workOrderId()));
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
        if (remindedDueDates.size() > REMINDED_DATES_KEPT) {
            remindedDueDates.remove(0);
        }
        reminderPending = false;
        return true;
    }

    public static String reasonKey(String vin, LocalDate dueDate) {
        return "maintenance-due:" + vin + ":" + dueDate;
    }

    /** The mark of a counted work order (AFT-1: the same work order counts once, whoever reports it). */
    public static String workOrderMark(String workOrderId) {
        return "wo:" + workOrderId;
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

    private void recompute() {
        NextDue next = MaintenanceSchedule.nextDue(effectivePlan(), purchaseDate, serviceHistory.cycleStart(), readings);
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

    /** Its work orders so far (AFT-1, AFT-2). */
    public ServiceHistory serviceHistory() {
        return serviceHistory;
    }

    public LocalDate lastServiceDate() {
        return serviceHistory.lastServiceDate();
    }

    public Long lastServiceKm() {
        return serviceHistory.lastServiceKm();
    }

    public int serviceCount() {
        return serviceHistory.serviceCount();
    }

    /** The last maintenance (AFT-2), the start of the current cycle; null before the first one. */
    public LocalDate lastMaintenanceDate() {
        return serviceHistory.lastMaintenanceDate();
    }

    public Long lastMaintenanceKm() {
        return serviceHistory.lastMaintenanceKm();
    }

    public int maintenanceCount() {
        return serviceHistory.maintenanceCount();
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
}
