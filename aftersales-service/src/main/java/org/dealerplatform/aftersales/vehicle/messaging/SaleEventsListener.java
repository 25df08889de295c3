package org.dealerplatform.aftersales.vehicle.messaging;

import java.time.LocalDate;

import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.application.ServicedVehicles;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.springframework.stereotype.Component;

/** A sold vehicle becomes a serviced vehicle of the selling branch, owned by its buyer (AFT-2: first service due). */
@Component
public class SaleEventsListener extends EventsListener {

    public static final String TOPIC = "sales.sale.events";

    public SaleEventsListener(EventDispatcher dispatcher, ServicedVehicles vehicles) {
        super(dispatcher.handlers("sold-vehicles")
                .on(SaleRecorded.class, (sale, event) -> {
                    if (sale.vehicle() == null || sale.vehicle().vin() == null) {
                        return; // a sale without a VIN has nothing to service
                    }
                    vehicles.sold(sale.saleId(), sale.vehicle().vin(), sale.branchId(), sale.customerId(),
                            sale.vehicle().model(), VehicleCategory.parse(sale.vehicle().category()), sale.vehicle().plate(),
                            sale.saleDate());
                }), TOPIC);
    }

    /** The fields of SaleRecorded this service reads (tolerant reader). */
    @EventType("dealer.sales.SaleRecorded.v1")
    record SaleRecorded(String saleId, String branchId, String customerId, Vehicle vehicle, LocalDate saleDate) {
    }

    /** The vehicle inside SaleRecorded. */
    record Vehicle(String vin, String model, String category, String plate) {
    }
}
