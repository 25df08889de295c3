package org.dealerplatform.customer.file;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.dealerplatform.customer.consent.Channel;
import org.dealerplatform.customer.consent.ContactPreferences;
import org.dealerplatform.customer.vehicle.FormerVehicle;
import org.dealerplatform.customer.vehicle.Vehicle;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.outbox.AggregateRoot;

/**
 * A customer file ("Basic Information Table of Customer Files", CUS-1) of one home branch.
 *
 * <p>A file is <b>complete</b> (CUS-2) when it has a name, a customer type, a mobile number, an address and at least
 * one vehicle; it must be complete by {@link FileDeadline#forVisit} of the visit that created it.
 */
public class Customer extends AggregateRoot {

    /**
     * Whether the file is in use, was merged into another one (CUS-6), or was erased on the customer's request (SEC-9:
     * the personal data are gone, the id and the non-personal facts stay).
     */
    public enum Status {
        ACTIVE, MERGED, ERASED
    }

    /** What an erased file shows instead of the name (SEC-9); the name is required on every other file. */
    public static final String ERASED_NAME = "(erased)";

    private String name;
    private CustomerType type;
    private String mobile;
    private String email;
    private String address;
    private LocalDate firstVisitDate;
    private Instant registeredAt;
    private Instant updatedAt;
    private List<Vehicle> vehicles = new ArrayList<>();
    private List<FormerVehicle> formerVehicles = new ArrayList<>();
    private List<Visit> visits = new ArrayList<>();
    private List<String> wantedServices = new ArrayList<>();
    private String notes;
    private ContactPreferences contactPreferences = ContactPreferences.atRegistration(null, Set.of());
    private CustomerClass customerClass = CustomerClass.OTHER;
    private String classRuleVersion;
    private boolean complete;
    private Instant fileDeadline;
    private boolean overdue;
    private Instant overdueReportedAt;
    private Status status = Status.ACTIVE;
    private String mergedInto;
    private Instant erasedAt;
    private String erasedBy;
    private String erasureReason;
    /** UI-3: the salesperson who looks after this customer (see {@link #assignConsultant}); null until one is named. */
    private String consultantId;

    /** For the mapping layer only. */
    private Customer() {
    }

    /** Opens a new file at {@code branchId}; the mobile number must already be normalized (see {@link org.dealerplatform.platform.validation.MobileNumber}). */
    public static Customer register(String id, String branchId, String name, CustomerType type, String mobile,
            String email, String address, String preferredLanguage, LocalDate firstVisitDate, Instant now) {
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(name, "name");
        Customer c = new Customer();
        c.id = id;
        c.branchId = branchId;
        c.name = name.strip();
        c.type = type == null ? CustomerType.INDIVIDUAL : type;
        c.mobile = mobile;
        c.email = blankToNull(email);
        c.address = blankToNull(address);
        c.firstVisitDate = firstVisitDate;
        c.registeredAt = now;
        c.updatedAt = now;
        c.contactPreferences = ContactPreferences.atRegistration(preferredLanguage, c.channelsWithDetails());
        c.fileDeadline = firstVisitDate == null ? null : FileDeadline.forVisit(firstVisitDate);
        if (firstVisitDate != null) {
            c.visits.add(new Visit(firstVisitDate, Visit.Kind.VISIT, "first visit"));
        }
        c.complete = c.missing().isEmpty();
        c.record(new CustomerEvents.CustomerRegistered(id, branchId, c.name, c.type,
                c.mobile, c.email, c.address, c.preferredLanguage(), firstVisitDate, now));
        // the consent given on the registration form must reach the services that send (NOT-3, NOT-7)
        c.recordPreferencesChanged("REGISTRATION", now);
        return c;
    }

    // ---- CUS-1 file details -------------------------------------------------------------------------------------

    /** Replaces the file's details; publishes {@code CustomerUpdated} with the full current details. */
    public void updateDetails(String name, CustomerType type, String mobile, String email, String address,
            String preferredLanguage, List<String> wantedServices, String notes, Instant now) {
        requireActive();
        this.name = Objects.requireNonNull(name, "name").strip();
        this.type = type == null ? this.type : type;
        this.mobile = mobile;
        this.email = blankToNull(email);
        this.address = blankToNull(address);
        this.contactPreferences = contactPreferences.withLanguage(preferredLanguage);
        this.wantedServices = wantedServices == null ? new ArrayList<>() : new ArrayList<>(wantedServices);
        this.notes = blankToNull(notes);
        touched(now);
        recordUpdated(now);
    }

    /** Adds a vehicle (CUS-1); the VIN must not be in this file already (across files the store enforces it). */
    public void addVehicle(Vehicle vehicle, Instant now) {
        requireActive();
        if (ownsVehicle(vehicle.vin())) {
            throw new RuleViolation("vin", "vehicle " + vehicle.vin() + " is already in this file");
        }
        boolean wasComplete = complete;
        vehicles.add(vehicle);
        touched(now);
        record(new CustomerEvents.VehicleRegistered(id, branchId,
                CustomerEvents.VehicleData.of(vehicle), vehicle.purchaseDate(), now));
        if (wasComplete != complete) {
            recordUpdated(now);
        }
    }

    /**
     * Corrects a vehicle of this file (CUS-1, UI-5): model, category, plate and purchase date; the VIN is the vehicle's
     * identity and stays. Publishes {@code VehicleRegistered} with the vehicle as it now is (consumers describe the
     * vehicle again from it, as at registration), only when something changed; false when nothing did.
     */
    public boolean changeVehicle(Vehicle changed, Instant now) {
        requireActive();
        int at = -1;
        for (int i = 0; i < vehicles.size(); i++) {
            if (vehicles.get(i).vin().equals(changed.vin())) {
                at = i;
            }
        }
        if (at < 0) {
            throw new RuleViolation("vin", "vehicle " + changed.vin() + " is not in this file");
        }
        if (vehicles.get(at).equals(changed)) {
            return false;
        }
        vehicles.set(at, changed);
        touched(now);
        record(new CustomerEvents.VehicleRegistered(id, branchId, CustomerEvents.VehicleData.of(changed),
                changed.purchaseDate(), now));
        return true;
    }

    /** Records a visit or maintenance appointment (CUS-1). */
    public void recordVisit(Visit visit, Instant now) {
        requireActive();
        visits.add(visit);
        updatedAt = now;
    }

    /** Records a visit reported by another service once per {@code reference}; false if it was recorded before. */
    public boolean recordVisitOnce(Visit visit, Instant now) {
        if (status != Status.ACTIVE || visit.reference() == null
                || visits.stream().anyMatch(v -> visit.reference().equals(v.reference()))) {
            return false;
        }
        recordVisit(visit, now);
        return true;
    }

    // ---- CUS-9 ownership transfer -------------------------------------------------------------------------------

    /** Gives up a vehicle to its new owner; it stays in the history but is no longer this customer's (no reminders). */
    public Vehicle handOverVehicle(String vin, String newOwnerId, LocalDate transferDate, Instant now) {
        requireActive();
        Vehicle vehicle = vehicle(vin).orElseThrow(() -> new RuleViolation("vin", "vehicle " + vin + " is not in this file"));
        vehicles.remove(vehicle);
        formerVehicles.add(new FormerVehicle(vin, vehicle.model(), newOwnerId, transferDate));
        touched(now);
        return vehicle;
    }

    /** Takes over a vehicle from its previous owner; publishes {@code VehicleOwnershipTransferred} (key = new owner). */
    public void takeOverVehicle(Vehicle vehicle, String fromCustomerId, LocalDate transferDate, Instant now) {
        requireActive();
        vehicles.removeIf(v -> v.vin().equals(vehicle.vin()));
        vehicles.add(new Vehicle(vehicle.vin(), vehicle.model(), vehicle.category(), vehicle.plate(), transferDate));
        touched(now);
        record(new CustomerEvents.VehicleOwnershipTransferred(vehicle.vin(), fromCustomerId, id, branchId,
                transferDate, now));
    }

    // ---- CUS-5 contact preferences ------------------------------------------------------------------------------

    /**
     * Sets consent per channel, preferred channels and language; publishes {@code ContactPreferencesChanged} if
     * anything changed. Channels not named keep their consent.
     */
    public boolean changeContactPreferences(Map<Channel, Boolean> consentChanges, List<Channel> preferred,
            String language, String source, Instant now) {
        requireActive();
        Optional<ContactPreferences> changed = contactPreferences.change(consentChanges, preferred, language, now);
        changed.ifPresent(next -> {
            contactPreferences = next;
            touched(now);
            recordPreferencesChanged(source, now);
        });
        return changed.isPresent();
    }

    /**
     * Revokes consent for a channel after an opt-out received at {@code receivedAt} (CUS-5, NOT-7). An opt-out older
     * than the last consent change of that channel (e.g. a redelivered reply after staff re-granted it) changes nothing.
     */
    public boolean optOut(Channel channel, String source, Instant receivedAt, Instant now) {
        requireActive();
        Optional<ContactPreferences> changed = contactPreferences.optOut(channel, receivedAt, now);
        changed.ifPresent(next -> {
            contactPreferences = next;
            touched(now);
            recordPreferencesChanged(source, now);
        });
        return changed.isPresent();
    }

    // ---- CUS-3 / CUS-10 classification --------------------------------------------------------------------------

    /** Stores the class computed from the purchase ledger; publishes {@code CustomerClassified} only on a change. */
    public boolean classify(CustomerClass newClass, String ruleVersion, LocalDate windowStart, LocalDate windowEnd,
            long purchaseAmountFen, int purchaseCount, Instant now) {
        if (status == Status.MERGED) {
            return false;
        }
        CustomerClass previous = customerClass;
        classRuleVersion = ruleVersion;
        if (previous == newClass) {
            return false;
        }
        customerClass = newClass;
        updatedAt = now;
        record(new CustomerEvents.CustomerClassified(id, branchId, previous, newClass, ruleVersion,
                windowStart, windowEnd, purchaseAmountFen, purchaseCount, now));
        return true;
    }

    // ---- CUS-2 two-day rule -------------------------------------------------------------------------------------

    /** What the file still lacks to be complete (empty when complete): mobile, address, vehicles. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (name == null || name.isBlank()) {
            missing.add("name");
        }
        if (type == null) {
            missing.add("type");
        }
        if (mobile == null) {
            missing.add("mobile");
        }
        if (address == null) {
            missing.add("address");
        }
        if (vehicles.isEmpty()) {
            missing.add("vehicles");
        }
        return missing;
    }

    /** True if the file is incomplete and its deadline has been reached at {@code now}. */
    public boolean isOverdueAt(Instant now) {
        return status == Status.ACTIVE && !complete && FileDeadline.passed(fileDeadline, now);
    }

    /**
     * Marks the file overdue and publishes {@code CustomerFileOverdue}, once per file: a file that was reported once
     * is never reported again, even if it is completed and later loses data.
     */
    public boolean reportOverdue(Instant now) {
        if (!isOverdueAt(now) || overdueReportedAt != null) {
            return false;
        }
        overdue = true;
        overdueReportedAt = now;
        record(new CustomerEvents.CustomerFileOverdue(id, branchId, firstVisitDate, fileDeadline, missing()));
        return true;
    }

    // ---- INT-1 serving a group customer at another branch -------------------------------------------------------

    /**
     * Grants {@code servingBranchId} one transaction with this customer (INT-1), after its staff looked the customer up
     * by exact {@code lookupKey} (mobile or VIN); publishes {@code CustomerServiceGranted} so the other services'
     * replicas let that branch use the customer once, until {@code expiresAt}.
     */
    public void grantServiceAt(String servingBranchId, String purpose, String grantId, String lookupKey, String by,
            Instant now, Instant expiresAt) {
        requireActive();
        record(new CustomerEvents.CustomerServiceGranted(id, branchId, servingBranchId, purpose, grantId, lookupKey, by,
                now, expiresAt));
    }

    // ---- CUS-6 merge --------------------------------------------------------------------------------------------

    /** Retires this file into {@code survivorId}: it keeps only a pointer, gives up its mobile number and vehicles. */
    public void retireInto(String survivorId, Instant now) {
        requireActive();
        if (survivorId.equals(id)) {
            throw new RuleViolation("customerId", "a file cannot be merged with itself");
        }
        status = Status.MERGED;
        mergedInto = survivorId;
        mobile = null;
        vehicles = new ArrayList<>();
        updatedAt = now;
    }

    /** Takes over what {@code merged} held (vehicles, visits, wishes, notes, missing contact details). */
    public void absorb(Customer merged, String mergedMobile, List<Vehicle> mergedVehicles, Instant now) {
        requireActive();
        for (Vehicle vehicle : mergedVehicles) {
            if (!ownsVehicle(vehicle.vin())) {
                vehicles.add(vehicle);
            }
        }
        visits.addAll(merged.visits);
        formerVehicles.addAll(merged.formerVehicles);
        for (String wish : merged.wantedServices) {
            if (!wantedServices.contains(wish)) {
                wantedServices.add(wish);
            }
        }
        if (merged.notes != null) {
            notes = notes == null ? merged.notes : notes + "\n" + merged.notes;
        }
        mobile = mobile == null ? mergedMobile : mobile;
        email = email == null ? merged.email : email;
        address = address == null ? merged.address : address;
        if (merged.firstVisitDate != null && (firstVisitDate == null || merged.firstVisitDate.isBefore(firstVisitDate))) {
            firstVisitDate = merged.firstVisitDate;
        }
        consultantId = consultantId == null ? merged.consultantId : consultantId;
        touched(now);
        record(new CustomerEvents.CustomersMerged(id, merged.id, branchId, now));
        recordUpdated(now);
    }

    // ---- UI-3 the customer's consultant ------------------------------------------------------------------------

    /**
     * Names the salesperson who looks after this customer before and after the sale (the seed: "pre-sales follow-up and
     * after-sales customer maintenance"): the salesperson who opened the file, or whom the branch manager named. Not
     * personal data of the customer, so erasure keeps it. False when nothing changed.
     */
    public boolean assignConsultant(String salespersonId, Instant now) {
        Objects.requireNonNull(salespersonId, "salespersonId");
        if (salespersonId.equals(consultantId)) {
            return false;
        }
        consultantId = salespersonId;
        updatedAt = now;
        return true;
    }

    /**
     * The consultant {@code leaving} left the branch and {@code successorId} takes over: only if {@code leaving} still
     * looks after this customer (a repeat, or a file the manager gave to someone else meanwhile, changes nothing).
     */
    public boolean handOverConsultant(String leaving, String successorId, Instant now) {
        return leaving.equals(consultantId) && assignConsultant(successorId, now);
    }

    public String consultantId() {
        return consultantId;
    }

    // ---- SEC-9 erasure (PIPL) ----------------------------------------------------------------------------------

    /**
     * Erases the customer's personal data in place on their request (SEC-9, PIPL): name, mobile, e-mail, address, notes,
     * wishes, the notes of visits and the plates of vehicles are removed; the id, branch, type, language, class, dates,
     * visits' dates and kinds and the vehicles' VINs and models stay (the vehicles' service history is the vehicle's).
     * Consent becomes "none" on every channel, without a {@code ContactPreferencesChanged}: the other services record the
     * end of consent from {@code CustomerErased} itself (NOT-7 keeps the consent history). Publishes
     * {@code CustomerErased}; false (and nothing published) when the file was erased before, so a retry is harmless.
     * A merged file can be erased too: it still holds the e-mail and address it had.
     */
    public boolean erase(String reason, String by, Instant now) {
        if (status == Status.ERASED) {
            return false;
        }
        Objects.requireNonNull(reason, "reason");
        name = ERASED_NAME;
        mobile = null;
        email = null;
        address = null;
        notes = null;
        wantedServices = new ArrayList<>();
        visits = new ArrayList<>(visits.stream().map(v -> new Visit(v.date(), v.kind(), null, v.reference())).toList());
        vehicles = new ArrayList<>(vehicles.stream()
                .map(v -> new Vehicle(v.vin(), v.model(), v.category(), null, v.purchaseDate())).toList());
        contactPreferences = contactPreferences.withoutAnyConsent(now);
        status = Status.ERASED;
        erasedAt = now.truncatedTo(ChronoUnit.MILLIS); // as stored: a repeated request answers the same time
        erasedBy = by;
        erasureReason = reason.strip();
        overdue = false;
        updatedAt = now;
        record(new CustomerEvents.CustomerErased(id, branchId, erasedAt));
        return true;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void touched(Instant now) {
        updatedAt = now;
        complete = missing().isEmpty();
        if (complete) {
            overdue = false; // completing the file clears it (CUS-2)
        }
    }

    private void recordUpdated(Instant now) {
        record(new CustomerEvents.CustomerUpdated(id, branchId, name, type, mobile, email, address,
                preferredLanguage(), complete, now));
    }

    private void recordPreferencesChanged(String source, Instant now) {
        record(new CustomerEvents.ContactPreferencesChanged(id, branchId, contactPreferences.preferredLanguage(),
                contactPreferences.consentPerChannel(), contactPreferences.preferredChannels(), source, now));
    }

    private Set<Channel> channelsWithDetails() {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (mobile != null) {
            channels.addAll(List.of(Channel.SMS, Channel.PHONE));
        }
        if (email != null) {
            channels.add(Channel.EMAIL);
        }
        if (address != null) {
            channels.add(Channel.LETTER);
        }
        return channels;
    }

    private void requireActive() {
        if (status == Status.ERASED) {
            // SEC-9: refused like any broken file rule (422 with customerId), so the file takes no new personal data
            throw new RuleViolation("customerId", "customer file " + id
                    + " was erased on the customer's request (SEC-9); it takes no changes");
        }
        if (status == Status.MERGED) {
            throw new RuleViolation("customerId", "this file was merged into " + mergedInto + "; change that one");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public boolean ownsVehicle(String vin) {
        return vehicle(vin).isPresent();
    }

    public Optional<Vehicle> vehicle(String vin) {
        return vehicles.stream().filter(v -> v.vin().equals(vin)).findFirst();
    }

    /** Channels the customer currently consents to. */
    public Set<Channel> consentedChannels() {
        return contactPreferences.consentedChannels();
    }

    /** Consent, preferred channels and language (CUS-5). */
    public ContactPreferences contactPreferences() {
        return contactPreferences;
    }

    public String name() {
        return name;
    }

    public CustomerType type() {
        return type;
    }

    public String mobile() {
        return mobile;
    }

    public String email() {
        return email;
    }

    public String address() {
        return address;
    }

    public String preferredLanguage() {
        return contactPreferences.preferredLanguage();
    }

    public LocalDate firstVisitDate() {
        return firstVisitDate;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<Vehicle> vehicles() {
        return List.copyOf(vehicles);
    }

    public List<FormerVehicle> formerVehicles() {
        return List.copyOf(formerVehicles);
    }

    public List<Visit> visits() {
        return List.copyOf(visits);
    }

    public List<String> wantedServices() {
        return List.copyOf(wantedServices);
    }

    public String notes() {
        return notes;
    }

    public Map<String, Boolean> consents() {
        return Map.copyOf(contactPreferences.consents());
    }

    public List<Channel> preferredChannels() {
        return contactPreferences.preferredChannels();
    }

    public CustomerClass customerClass() {
        return customerClass;
    }

    public String classRuleVersion() {
        return classRuleVersion;
    }

    public boolean complete() {
        return complete;
    }

    public Instant fileDeadline() {
        return fileDeadline;
    }

    public boolean overdue() {
        return overdue;
    }

    public Instant overdueReportedAt() {
        return overdueReportedAt;
    }

    public Status status() {
        return status;
    }

    public String mergedInto() {
        return mergedInto;
    }

    public Instant erasedAt() {
        return erasedAt;
    }

    public String erasedBy() {
        return erasedBy;
    }

    public String erasureReason() {
        return erasureReason;
    }
}
