package org.dealerplatform.aftersales.campaign;

import java.time.LocalDate;
import java.time.Period;
import java.util.Set;

import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.platform.domain.RuleViolation;

/**
 * Who a campaign invites (AFT-4): customer classes, vehicle categories, vehicle age in years, mileage and last visit.
 * Every part is optional (null or empty: anyone); the branch is the campaign's own.
 *
 * @param notVisitedForDays last service at least this many days ago, or never serviced (win-back campaigns)
 * @param visitedWithinDays last service at most this many days ago (loyal customers)
 */
public record AudienceRule(Set<String> customerClasses, Set<VehicleCategory> vehicleCategories,
        Integer minVehicleAgeYears, Integer maxVehicleAgeYears, Long minMileageKm, Long maxMileageKm,
        Integer notVisitedForDays, Integer visitedWithinDays) {

    public static final Set<String> CLASSES = Set.of("VIP", "FIRST_CLASS", "SECOND_CLASS", "OTHER");

    public AudienceRule {
        customerClasses = customerClasses == null ? Set.of() : Set.copyOf(customerClasses);
        vehicleCategories = vehicleCategories == null ? Set.of() : Set.copyOf(vehicleCategories);
        if (!CLASSES.containsAll(customerClasses)) {
            throw new RuleViolation("audience.customerClasses", "classes are VIP, FIRST_CLASS, SECOND_CLASS, OTHER");
        }
        if (minVehicleAgeYears != null && maxVehicleAgeYears != null && minVehicleAgeYears > maxVehicleAgeYears) {
            throw new RuleViolation("audience.maxVehicleAgeYears", "the maximum age is below the minimum");
        }
        if (minMileageKm != null && maxMileageKm != null && minMileageKm > maxMileageKm) {
            throw new RuleViolation("audience.maxMileageKm", "the maximum mileage is below the minimum");
        }
    }

    public static AudienceRule anyone() {
        return new AudienceRule(Set.of(), Set.of(), null, null, null, null, null, null);
    }

    /** The same rule restricted to VIP customers when it names no class itself (AFT-6). */
    public AudienceRule vipsUnlessClassesGiven() {
        return customerClasses.isEmpty()
                ? new AudienceRule(Set.of("VIP"), vehicleCategories, minVehicleAgeYears, maxVehicleAgeYears, minMileageKm,
                        maxMileageKm, notVisitedForDays, visitedWithinDays)
                : this;
    }

    public boolean matches(Candidate candidate, LocalDate today) {
        if (candidate.customerId() == null) {
            return false;
        }
        if (!customerClasses.isEmpty()
                && (candidate.customerClass() == null || !customerClasses.contains(candidate.customerClass()))) {
            return false;
        }
        if (!vehicleCategories.isEmpty()
                && (candidate.category() == null || !vehicleCategories.contains(candidate.category()))) {
            return false;
        }
        if (minVehicleAgeYears != null || maxVehicleAgeYears != null) {
            if (candidate.purchaseDate() == null) {
                return false;
            }
            int age = Period.between(candidate.purchaseDate(), today).getYears();
            if ((minVehicleAgeYears != null && age < minVehicleAgeYears) || (maxVehicleAgeYears != null && age > maxVehicleAgeYears)) {
                return false;
            }
        }
        if (minMileageKm != null || maxMileageKm != null) {
            long km = candidate.mileageKm() == null ? 0 : candidate.mileageKm();
            if ((minMileageKm != null && km < minMileageKm) || (maxMileageKm != null && km > maxMileageKm)) {
                return false;
            }
        }
        LocalDate lastVisit = candidate.lastVisitDate();
        if (notVisitedForDays != null && lastVisit != null && lastVisit.isAfter(today.minusDays(notVisitedForDays))) {
            return false;
        }
        if (visitedWithinDays != null && (lastVisit == null || lastVisit.isBefore(today.minusDays(visitedWithinDays)))) {
            return false;
        }
        return true;
    }
}
