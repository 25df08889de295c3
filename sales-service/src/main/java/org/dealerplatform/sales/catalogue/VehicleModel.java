package org.dealerplatform.sales.catalogue;

import org.dealerplatform.sales.sale.VehicleCategory;

/**
 * One model of HQ's catalogue (SAL-12): its id is what sales store and reports show, so a report row never splits on
 * spelling; its category is the CUS-4 dimension of every figure of the model.
 */
public record VehicleModel(String id, String brand, String series, String name, VehicleCategory category) {
}
