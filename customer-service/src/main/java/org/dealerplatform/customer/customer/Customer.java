package org.dealerplatform.customer.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.dealerplatform.platform.events.DomainEvent;
import org.dealerplatform.platform.outbox.Aggregate;

/**
 * A customer file ("Basic Information Table of Customer Files", CUS-1) of one home branch.
 */
public class Customer implements Aggregate {

    private final String id;
    private final String branchId;
    private String name;
    private CustomerType type;
    private String mobile;
    private String email;
    private String address;
    private String preferredLanguage;
    private LocalDate firstVisitDate;
    private final Instant registeredAt;
    private final long version;
    private final transient List<DomainEvent> recordedEvents = new ArrayList<>();

    public Customer(String id, String branchId, String name, CustomerType type, String mobile, String email,
            String address, String preferredLanguage, LocalDate firstVisitDate, Instant registeredAt, long version) {
        this.id = id;
        this.branchId = branchId;
        this.name = name;
        this.type = type;
        this.mobile = mobile;
        this.email = email;
        this.address = address;
        this.preferredLanguage = preferredLanguage;
        this.firstVisitDate = firstVisitDate;
        this.registeredAt = registeredAt;
        this.version = version;
    }

    /** Opens a new file at {@code branchId}; the mobile number must already be normalized (see {@link MobileNumber}). */
    public static Customer register(String id, String branchId, String name, CustomerType type, String mobile,
            String email, String address, String preferredLanguage, LocalDate firstVisitDate, Instant now) {
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(name, "name");
        Customer customer = new Customer(id, branchId, name.strip(), type == null ? CustomerType.INDIVIDUAL : type,
                mobile, email, address, preferredLanguage == null ? "zh-CN" : preferredLanguage, firstVisitDate, now, 0);
        customer.recordedEvents.add(new CustomerEvents.CustomerRegistered(id, branchId, customer.name, customer.type,
                mobile, email, address, customer.preferredLanguage, firstVisitDate, now));
        return customer;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String branchId() {
        return branchId;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public List<DomainEvent> recordedEvents() {
        return recordedEvents;
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
        return preferredLanguage;
    }

    public LocalDate firstVisitDate() {
        return firstVisitDate;
    }

    public Instant registeredAt() {
        return registeredAt;
    }
}
