package org.dealerplatform.aftersales.vehicle.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.vehicle.MaintenancePlan;
import org.dealerplatform.aftersales.vehicle.MaintenancePlanCatalogue;
import org.dealerplatform.aftersales.vehicle.ServiceRecord;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.events.ForeignBranchEffectException;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.outbox.ConcurrentModificationException;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Use cases of serviced vehicles, shared by the REST endpoints and the event listeners. Each one loads the vehicle,
 * applies one intention and saves it with a compare-and-set; a concurrent save is retried a few times.
 */
@Service
public class ServicedVehicles {

    static final int ATTEMPTS = 5;

    private final VehicleStore store;
    private final MaintenancePlanCatalogue plans;
    private final MeterRegistry meters;

    private final CustomerReplica customers;

    public ServicedVehicles(VehicleStore store, MaintenancePlanCatalogue plans, MeterRegistry meters,
            CustomerReplica customers) {
        this.customers = customers;
        this.store = store;
        this.plans = plans;
        this.meters = meters;
    }

    /** What customer-service said about a vehicle and its owner (VehicleRegistered); idempotent by {@code mark}. */
    public void registered(String mark, String vin, String branchId, String customerId, String model,
            VehicleCategory category, String plate, LocalDate purchaseDate) {
        describe(mark, vin, branchId, customerId, model, category, plate, purchaseDate, false);
    }

    /**
     * A vehicle sold by {@code branchId} (SaleRecorded); idempotent per sale. A vehicle another branch keeps is not this
     * sale's to change: that is refused as a permanent error (INT-2), where an HQ transfer is the way to move it.
     */
    public void sold(String saleId, String vin, String branchId, String customerId, String model,
            VehicleCategory category, String plate, LocalDate saleDate) {
        describe("sale:" + saleId, vin, branchId, customerId, model, category, plate, saleDate, true);
    }

    private void describe(String mark, String vin, String branchId, String customerId, String model,
            VehicleCategory category, String plate, LocalDate purchaseDate, boolean sameBranchOnly) {
        change(vin, () -> {
            ServicedVehicle vehicle = ServicedVehicle.register(vin, branchId, customerId, model, category, plate,
                    purchaseDate, plans);
            vehicle.markApplied(mark);
            return vehicle;
        }, vehicle -> {
            if (vehicle.hasApplied(mark)) {
                return false;
            }
            if (sameBranchOnly && !vehicle.branchId().equals(branchId)) {
                throw new ForeignBranchEffectException("a sale of branch " + branchId + " would change vehicle " + vin
                        + " of branch " + vehicle.branchId());
            }
            vehicle.describe(customerId, model, category, plate, purchaseDate, plans);
            vehicle.markApplied(mark);
            return true;
        });
    }

    /** CUS-9: the vehicle has a new owner; a transfer of a vehicle not seen yet creates it at the transfer's branch. */
    public void transferred(String mark, String vin, String branchId, String toCustomerId, LocalDate transferDate) {
        change(vin, () -> {
            ServicedVehicle vehicle = ServicedVehicle.transferred(vin, branchId, toCustomerId, transferDate, plans);
            vehicle.markApplied(mark);
            return vehicle;
        }, vehicle -> {
            if (vehicle.hasApplied(mark)) {
                return false;
            }
            vehicle.transferTo(toCustomerId, transferDate);
            vehicle.markApplied(mark);
            return true;
        });
    }

    /** CUS-6: the vehicles of a merged-away customer file now belong to the surviving file. */
    public void customersMerged(String mergedCustomerId, String survivingCustomerId) {
        // issue 10: the merged file's vehicles by _id (VehicleStore's listing by owner), not a scan of the fleet
        for (String vin : store.vinsOwnedBy(mergedCustomerId)) {
            change(vin, () -> {
                throw new IllegalStateException("vehicle " + vin + " disappeared during a merge");
            }, v -> v.ownerMergedInto(mergedCustomerId, survivingCustomerId));
        }
    }

    /**
     * AFT-1: records a work order on a vehicle the caller may use (INT-1: their own branch's; HQ: any). A VIN known
     * nowhere becomes a serviced vehicle of the work order's branch (walk-in customer) when the request describes it
     * ({@code model}, {@code category}); without a description, and for another branch's vehicle, the answer is the
     * same 422 on {@code vin}, and nothing changes. With an {@code Idempotency-Key} (REL-7) a retry finds the key on the
     * vehicle and records nothing again. Another branch's vehicle is usable once when the caller's branch holds a grant
     * for its owner from an exact lookup in customer-service (INT-1 serve-at-branch): the grant is spent first.
     */
    public ServicedVehicle recordService(Caller caller, ServiceRecord service, String vin, String model,
            VehicleCategory category, Instant now, IdempotencyKey key) {
        boolean granted = spendGrantIfServedElsewhere(caller, vin, key);
        boolean[] recorded = {true};
        ServicedVehicle saved = change(vin, () -> {
            if (model == null || model.isBlank()) {
                throw unusableVin();
            }
            ServicedVehicle vehicle = ServicedVehicle.walkIn(vin, service.branchId(), model, category, plans);
            vehicle.recordService(service, null, now);
            vehicle.rememberRequest(key);
            return vehicle;
        }, vehicle -> {
            if (!caller.canSee(vehicle.branchId()) && !granted) {
                throw unusableVin(); // the same answer as for an unknown VIN: nothing about the other branch leaks
            }
            recorded[0] = !vehicle.alreadyApplied(key);
            if (recorded[0]) {
                vehicle.recordService(service, vehicle.customerId(), now);
                vehicle.rememberRequest(key);
            }
            return recorded[0];
        });
        if (recorded[0]) {
            meters.counter("dealer.aftersales.services.recorded").increment();
        }
        return saved;
    }

    /**
     * INT-1: for another branch's vehicle whose owner the caller's branch holds a grant for, spends the grant (once) and
     * says so; false for a vehicle the caller can use anyway, an unknown one, or a retry already recorded.
     */
    private boolean spendGrantIfServedElsewhere(Caller caller, String vin, IdempotencyKey key) {
        Optional<ServicedVehicle> vehicle = store.findById(vin);
        if (vehicle.isEmpty() || caller.canSee(vehicle.get().branchId()) || vehicle.get().alreadyApplied(key)) {
            return vehicle.isPresent() && vehicle.get().alreadyApplied(key);
        }
        String owner = vehicle.get().customerId();
        return customers.holdsGrant(caller.branchId(), owner) && customers.useGrant(caller.branchId(), owner, caller.userId());
    }

    private static RuleViolation unusableVin() {
        return new RuleViolation("vin", "no vehicle with this VIN at your branch; for a vehicle new to the group "
                + "give its model and category");
    }

    /** AFT-2: an odometer reading between services recomputes the projection; a keyed retry is applied once (REL-7). */
    public ServicedVehicle recordMileage(Caller caller, String vin, LocalDate date, long km, IdempotencyKey key) {
        return changeVisible(caller, vin, key, vehicle -> vehicle.recordMileage(date, km));
    }

    /** AFT-2: a per-vehicle plan (null: back to the default of its model and category). */
    public ServicedVehicle overridePlan(Caller caller, String vin, MaintenancePlan plan) {
        return changeVisible(caller, vin, null, vehicle -> vehicle.overridePlan(plan));
    }

    public Optional<ServicedVehicle> findVisible(Caller caller, String vin) {
        return store.findVisible(vin, caller);
    }

    private ServicedVehicle changeVisible(Caller caller, String vin, IdempotencyKey key,
            Consumer<ServicedVehicle> intention) {
        for (int attempt = 1; ; attempt++) {
            ServicedVehicle vehicle = findVisible(caller, vin)
                    .orElseThrow(() -> new NotFoundException("vehicle", vin));
            if (vehicle.alreadyApplied(key)) {
                return vehicle;
            }
            intention.accept(vehicle);
            vehicle.rememberRequest(key);
            try {
                store.update(vehicle);
                return vehicle;
            } catch (ConcurrentModificationException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * SAL-12 remap: the vehicle's stored free-text model {@code stored} becomes catalogue model {@code modelId} of
     * {@code category}, and its default maintenance plan follows (AFT-2). False when the vehicle is gone or no longer
     * names {@code stored} (changed meanwhile).
     */
    public boolean remodel(String vin, String stored, String modelId, VehicleCategory category) {
        for (int attempt = 1; ; attempt++) {
            Optional<ServicedVehicle> existing = store.findById(vin);
            if (existing.isEmpty() || !stored.equals(existing.get().model())) {
                return false;
            }
            ServicedVehicle vehicle = existing.get();
            vehicle.describe(null, modelId, category, null, null, plans);
            try {
                store.update(vehicle);
                return true;
            } catch (ConcurrentModificationException raced) {
                if (attempt >= ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    /** Creates the vehicle or applies {@code intention} to it; the intention says whether it changed anything to save. */
    private ServicedVehicle change(String vin, Supplier<ServicedVehicle> create, Predicate<ServicedVehicle> intention) {
        for (int attempt = 1; ; attempt++) {
            Optional<ServicedVehicle> existing = store.findById(vin);
            try {
                if (existing.isEmpty()) {
                    ServicedVehicle vehicle = create.get();
                    store.insert(vehicle);
                    return vehicle;
                }
                ServicedVehicle vehicle = existing.get();
                if (intention.test(vehicle)) {
                    store.update(vehicle);
                }
                return vehicle;
            } catch (ConcurrentModificationException | DuplicateKeyException raced) {
                if (attempt >= ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }
}
