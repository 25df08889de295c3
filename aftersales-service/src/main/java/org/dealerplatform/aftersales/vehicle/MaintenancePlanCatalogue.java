package org.dealerplatform.aftersales.vehicle;

import java.util.Map;

/**
 * The default maintenance plans (AFT-2): per model where the manufacturer says so, otherwise per vehicle category.
 * A vehicle may still override its plan.
 */
public class MaintenancePlanCatalogue {

    private final Map<String, MaintenancePlan> byModel;

    public MaintenancePlanCatalogue(Map<String, MaintenancePlan> byModel) {
        this.byModel = Map.copyOf(byModel);
    }

    public static MaintenancePlanCatalogue defaults() {
        return new MaintenancePlanCatalogue(Map.of());
    }

    public MaintenancePlan planFor(String model, VehicleCategory category) {
        if (model != null && byModel.containsKey(model)) {
            return byModel.get(model);
        }
        if (category == null) {
            return MaintenancePlan.PASSENGER;
        }
        if (category.specialPurpose()) {
            return MaintenancePlan.SPECIAL_PURPOSE;
        }
        return category == VehicleCategory.COMMERCIAL ? MaintenancePlan.COMMERCIAL : MaintenancePlan.PASSENGER;
    }
}
