package org.dealerplatform.customer.file.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.dealerplatform.customer.consent.Channel;
import org.dealerplatform.customer.file.Customer;
import org.dealerplatform.customer.file.CustomerClass;
import org.dealerplatform.customer.file.CustomerType;
import org.dealerplatform.customer.file.Visit;
import org.dealerplatform.customer.vehicle.FormerVehicle;
import org.dealerplatform.customer.vehicle.Vehicle;

/**
 * A customer file as staff see it (CUS-1), with completeness and deadline (CUS-2; {@code overdueReportedAt}: when the
 * daily check reported the file overdue to the branch, once per file) and class (CUS-3); {@code consultantId}: the
 * salesperson who looks after the customer (UI-3), null until one is named.
 */
public record CustomerView(String id, String branchId, String name, CustomerType type, String mobile, String email,
        String address, String preferredLanguage, LocalDate firstVisitDate, List<Vehicle> vehicles,
        List<FormerVehicle> formerVehicles, List<Visit> visits, List<String> wantedServices, String notes,
        Map<String, Boolean> consents, List<Channel> preferredChannels, CustomerClass customerClass, boolean complete,
        List<String> missing, Instant fileDeadline, boolean overdue, Instant overdueReportedAt, Customer.Status status,
        String mergedInto, String consultantId,
        Instant registeredAt, Instant erasedAt, long version) {

    public static CustomerView of(Customer c) {
        return new CustomerView(c.id(), c.branchId(), c.name(), c.type(), c.mobile(), c.email(), c.address(),
                c.preferredLanguage(), c.firstVisitDate(), c.vehicles(), c.formerVehicles(), c.visits(),
                c.wantedServices(), c.notes(), c.consents(), c.preferredChannels(), c.customerClass(), c.complete(),
                c.missing(), c.fileDeadline(), c.overdue(), c.overdueReportedAt(), c.status(), c.mergedInto(),
                c.consultantId(), c.registeredAt(), c.erasedAt(), c.version());
    }
}
