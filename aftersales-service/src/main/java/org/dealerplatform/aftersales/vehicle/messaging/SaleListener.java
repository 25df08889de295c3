package org.dealerplatform.aftersales.vehicle.messaging;

import java.time.LocalDate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.aftersales.vehicle.VehicleCategory;
import org.dealerplatform.aftersales.vehicle.application.ServicedVehicles;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A sold vehicle becomes a serviced vehicle of its buyer, purchased on the sale date (AFT-2 first service). */
@Component
public class SaleListener {

    static final String TOPIC = "sales.sale.events";

    private final EventReader reader;
    private final ServicedVehicles vehicles;

    public SaleListener(EventReader reader, ServicedVehicles vehicles) {
        this.reader = reader;
        this.vehicles = vehicles;
    }

    /** The fields of {@code dealer.sales.SaleRecorded.v1} this service reads (tolerant reader). */
    record SaleRecorded(String saleId, String branchId, String customerId, Vehicle vehicle, LocalDate saleDate) {
    }

    /** The vehicle inside SaleRecorded. */
    record Vehicle(String vin, String model, String category, String plate) {
    }

    @KafkaListener(topics = TOPIC)
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = reader.read(record);
        try (EventContext.Scope scope = event.open()) {
            if ("dealer.sales.SaleRecorded.v1".equals(event.type())) {
                SaleRecorded sale = reader.data(event, SaleRecorded.class);
                if (sale.vehicle() == null || sale.vehicle().vin() == null) {
                    return; // a sale without a VIN has nothing to service
                }
                vehicles.registered("sale:" + sale.saleId(), sale.vehicle().vin(), sale.branchId(), sale.customerId(),
                        sale.vehicle().model(), VehicleCategory.parse(sale.vehicle().category()), sale.vehicle().plate(),
                        sale.saleDate());
            }
        }
    }
}
