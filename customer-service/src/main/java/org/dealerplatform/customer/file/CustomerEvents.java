package org.dealerplatform.customer.file;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.dealerplatform.customer.consent.Channel;
import org.dealerplatform.customer.vehicle.Vehicle;
import org.dealerplatform.customer.vehicle.VehicleCategory;
import org.dealerplatform.platform.events.DomainEvent;

/** Events of a customer file, published on {@code customers.customer.events} (schemas in the contracts module). */
public sealed interface CustomerEvents extends DomainEvent {

    /** A customer file was created (CUS-1). */
    record CustomerRegistered(String customerId, String branchId, String name, CustomerType type, String mobile,
            String email, String address, String preferredLanguage, LocalDate firstVisitDate, Instant registeredAt)
            implements CustomerEvents {
    }

    /** The file's details changed (CUS-1); carries the full current details and completeness (CUS-2). */
    record CustomerUpdated(String customerId, String branchId, String name, CustomerType type, String mobile,
            String email, String address, String preferredLanguage, boolean complete, Instant updatedAt)
            implements CustomerEvents {
    }

    /** The vehicle object of {@link VehicleRegistered}. */
    record VehicleData(String vin, String model, VehicleCategory category, String plate) {
        static VehicleData of(Vehicle v) {
            return new VehicleData(v.vin(), v.model(), v.category(), v.plate());
        }
    }

    /** A vehicle was added to the file (CUS-1). */
    record VehicleRegistered(String customerId, String branchId, VehicleData vehicle, LocalDate purchaseDate,
            Instant registeredAt) implements CustomerEvents {
    }

    /** A vehicle changed owner (CUS-9); recorded on the new owner's file (key = toCustomerId). */
    record VehicleOwnershipTransferred(String vin, String fromCustomerId, String toCustomerId, String branchId,
            LocalDate transferDate, Instant transferredAt) implements CustomerEvents {
    }

    /** Consent, preferred channels or language changed (CUS-5); carries the full current preferences. */
    record ContactPreferencesChanged(String customerId, String branchId, String preferredLanguage,
            Map<String, Boolean> consents, List<Channel> preferredChannels, String source, Instant changedAt)
            implements CustomerEvents {
    }

    /** The customer's class changed (CUS-3) with the explanation (CUS-10). */
    record CustomerClassified(String customerId, String branchId, CustomerClass previousClass, CustomerClass newClass,
            String ruleVersion, LocalDate windowStart, LocalDate windowEnd, long purchaseAmountFen, int purchaseCount,
            Instant classifiedAt) implements CustomerEvents {
    }

    /** Two files were merged (CUS-6); recorded on the surviving file. */
    record CustomersMerged(String survivingCustomerId, String mergedCustomerId, String branchId, Instant mergedAt)
            implements CustomerEvents {
    }

    /** The file was not complete by its deadline (CUS-2). */
    record CustomerFileOverdue(String customerId, String branchId, LocalDate visitDate, Instant deadline,
            List<String> missing) implements CustomerEvents {
    }

    /**
     * Staff of {@code servingBranchId} looked the customer up by exact mobile or VIN (INT-1): that branch may use the
     * customer in one transaction of the kind {@code purpose} (SALE, VISIT, WORK_ORDER: only the service owning it
     * honours the grant) until {@code expiresAt}; recorded on the customer's file (key = customer id).
     */
    record CustomerServiceGranted(String customerId, String branchId, String servingBranchId, String purpose, String grantId,
            String lookupKey, String grantedBy, Instant grantedAt, Instant expiresAt) implements CustomerEvents {
    }

    /**
     * The customer's personal data were erased on their request (SEC-9, PIPL): every service blanks its copies of the
     * customer's contact details and must not take them in again from older events. Carries no personal data.
     */
    record CustomerErased(String customerId, String branchId, Instant erasedAt) implements CustomerEvents {
    }
}
