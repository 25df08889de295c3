package org.dealerplatform.customer.vehicle.web;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.dealerplatform.platform.catalogue.ModelCatalogueReplica;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.persistence.CustomerStore;
import org.dealerplatform.customer.file.persistence.VinClaims;
import org.dealerplatform.customer.file.web.CustomerFiles;
import org.dealerplatform.customer.file.web.CustomerView;
import org.dealerplatform.customer.vehicle.LicensePlate;
import org.dealerplatform.customer.vehicle.Vehicle;
import org.dealerplatform.customer.vehicle.VehicleCategory;
import org.dealerplatform.customer.vehicle.Vin;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.validation.DimensionValue;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Vehicles in customer files (CUS-1) and their change of owner (CUS-9), within the caller's branch. */
@RestController
@RequestMapping("/api/customers/{id}/vehicles")
@Validated
@Tag(name = "Vehicles", description = "CUS-1, CUS-4, CUS-6, CUS-8, CUS-9")
public class VehicleController {

    private final CustomerStore customers;
    private final CustomerFiles files;
    private final VinClaims vinClaims;
    private final ModelCatalogueReplica catalogue;
    private final BusinessCalendar calendar;

    public VehicleController(CustomerStore customers, CustomerFiles files, VinClaims vinClaims,
            ModelCatalogueReplica catalogue, BusinessCalendar calendar) {
        this.catalogue = catalogue;
        this.customers = customers;
        this.files = files;
        this.vinClaims = vinClaims;
        this.calendar = calendar;
    }

    /**
     * A vehicle to add: VIN with check digit and plate per GA 36-2018 are checked (CUS-8); {@code model} is a catalogue
     * model id or a known alias (SAL-12), whose category is stored, so a {@code category} sent along is ignored.
     */
    public record AddVehicle(@NotBlank @Size(max = 17) @DimensionValue String vin,
            @Schema(description = "a catalogue model id or alias (SAL-12); unknown → 422 model") @NotBlank @Size(max = 100) @DimensionValue String model,
            @Schema(description = "ignored: the catalogue model's category is stored (SAL-12, CUS-4)") VehicleCategory category,
            @Size(max = 10) @DimensionValue String plate, @PastOrPresent LocalDate purchaseDate) {
    }

    /** A vehicle's corrected details; the VIN in the path stays (it is the vehicle). */
    public record ChangeVehicle(
            @Schema(description = "a catalogue model id or alias (SAL-12); unknown → 422 model") @NotBlank @Size(max = 100) @DimensionValue String model,
            @Size(max = 10) @DimensionValue String plate, @PastOrPresent LocalDate purchaseDate) {
    }

    /** To whom and when a vehicle passes. */
    public record Transfer(@NotBlank @Size(max = 60) @DimensionValue String toCustomerId, @PastOrPresent LocalDate transferDate) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a vehicle to the file (CUS-1); the model resolves through the catalogue replica (id or alias; unknown → 422 model, SAL-12) and the catalogue's category is stored; a VIN already on file is refused with a pointer (CUS-6); publishes VehicleRegistered",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"vin\":\"1HGCM82633A004352\",\"model\":\"Passat 330TSI\",\"category\":\"PASSENGER_CAR\",\"plate\":\"苏A12345\",\"purchaseDate\":\"2026-11-20\"}"))))
    public CustomerView add(@PathVariable String id, @Valid @RequestBody AddVehicle request, Caller caller,
            IdempotencyKey key) {
        String vin = Vin.normalize(request.vin());
        String vinProblem = Vin.problem(vin);
        if (vinProblem != null) {
            throw new RuleViolation("vin", vinProblem);
        }
        String plate = LicensePlate.normalize(request.plate());
        if (plate != null && !LicensePlate.isValid(plate)) {
            throw new RuleViolation("plate", "must be a GA 36-2018 plate: 7 characters (e.g. 苏A12345), or 8 for new-energy vehicles with D/F (e.g. 苏AD12345)");
        }
        Customer customer = files.visible(id, caller);
        if (customer.alreadyApplied(key)) { // REL-7: a retry finds the vehicle added (and the VIN claimed) already
            return CustomerView.of(customer);
        }
        ModelCatalogueReplica.CatalogueModel model = catalogue.require(request.model(), "model"); // SAL-12
        customer.addVehicle(new Vehicle(vin, model.id(),
                model.category(VehicleCategory.class, VehicleCategory.OTHER_SPECIAL), plate, request.purchaseDate()),
                calendar.now());
        customer.rememberRequest(key);
        // CUS-6: claim the VIN first, save the file second; a failed save gives the claim back
        String owner = vinClaims.claim(vin, customer.id()).orElse(null);
        if (owner != null) {
            throw files.duplicateVin(vin, owner, caller);
        }
        try {
            customers.update(customer);
        } catch (RuntimeException e) {
            vinClaims.release(vin, customer.id());
            throw e;
        }
        return CustomerView.of(files.visible(id, caller));
    }

    @PutMapping("/{vin}")
    @Operation(summary = "Correct a vehicle of the file (CUS-1, UI-5): model (catalogue id or alias, SAL-12; its category is stored), plate (GA 36-2018) and purchase date; the VIN stays. Another branch's file, or a VIN not in this file, answers 404; publishes VehicleRegistered with the vehicle as it now is when something changed",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"model\":\"Passat 330TSI\",\"plate\":\"苏A12345\",\"purchaseDate\":\"2026-11-20\"}"))))
    public CustomerView change(@PathVariable String id, @PathVariable @Size(max = 17) String vin,
            @Valid @RequestBody ChangeVehicle request, Caller caller, IdempotencyKey key) {
        String plate = LicensePlate.normalize(request.plate());
        if (plate != null && !LicensePlate.isValid(plate)) {
            throw new RuleViolation("plate", "must be a GA 36-2018 plate: 7 characters (e.g. 苏A12345), or 8 for new-energy vehicles with D/F (e.g. 苏AD12345)");
        }
        Customer customer = files.visible(id, caller);
        Vehicle vehicle = customer.vehicle(Vin.normalize(vin)).orElseThrow(() -> new NotFoundException("vehicle", vin));
        if (customer.alreadyApplied(key)) { // REL-7: a retry finds the change made already
            return CustomerView.of(customer);
        }
        ModelCatalogueReplica.CatalogueModel model = catalogue.require(request.model(), "model"); // SAL-12
        customer.changeVehicle(new Vehicle(vehicle.vin(), model.id(),
                model.category(VehicleCategory.class, VehicleCategory.OTHER_SPECIAL), plate, request.purchaseDate()),
                calendar.now());
        customer.rememberRequest(key);
        customers.update(customer);
        return CustomerView.of(files.visible(id, caller));
    }

    @PostMapping("/{vin}/transfer")
    @Operation(summary = "Transfer a vehicle to another customer (resale, trade-in, CUS-9); the old owner keeps it only as history; publishes VehicleOwnershipTransferred. The new owner must be a file of the "
            + "caller's branch (HQ: any), otherwise 422 on toCustomerId, the same for an unknown one (INT-1)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"toCustomerId\":\"0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a70\",\"transferDate\":\"2026-11-25\"}"))))
    public CustomerView transfer(@PathVariable String id, @PathVariable String vin, @Valid @RequestBody Transfer request,
            Caller caller, IdempotencyKey key) {
        Customer from = files.visible(id, caller);
        Customer to = files.referenced(request.toCustomerId(), caller, "toCustomerId");
        if (from.id().equals(to.id())) {
            throw new RuleViolation("toCustomerId", "the vehicle already belongs to this customer");
        }
        // REL-7: the new owner's write is the last one: with the key on it, the transfer is done and only answered again
        if (files.doneBefore(from, to, key, "transfer")) {
            return CustomerView.of(to);
        }
        LocalDate date = request.transferDate() == null ? calendar.today()
                : request.transferDate();
        Vehicle vehicle = from.handOverVehicle(Vin.normalize(vin), to.id(), date, calendar.now());
        from.rememberRequest(key);
        // the old owner gives the VIN up first (unique index), then the new owner takes it over
        customers.update(from);
        if (!vinClaims.reassign(vehicle.vin(), from.id(), to.id())) {
            vinClaims.claim(vehicle.vin(), to.id());
        }
        Customer after = files.changeWithRetry(to.id(), t -> {
            t.takeOverVehicle(vehicle, from.id(), date, calendar.now());
            t.rememberRequest(key);
        });
        return CustomerView.of(after);
    }
}
