package org.dealerplatform.customer.classification.messaging;

import java.time.LocalDate;

import org.dealerplatform.customer.classification.application.PurchasesFromSales;
import org.dealerplatform.customer.classification.persistence.PurchaseLedger;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.springframework.stereotype.Component;

/** Keeps the purchase ledger and the classes (CUS-3) in step with {@code sales.sale.events}. */
@Component
public class SaleEventsListener extends EventsListener {

    public static final String TOPIC = "sales.sale.events";

    public SaleEventsListener(EventDispatcher dispatcher, PurchasesFromSales purchases) {
        super(dispatcher.handlers("purchases")
                .on(SaleData.class, (sale, event) -> purchases.recordedOrCorrected(new PurchaseLedger.Sale(sale.saleId(),
                        sale.customerId(), sale.branchId(), sale.amountFen(), sale.saleDate(),
                        sale.vehicle() == null ? null : sale.vehicle().vin(),
                        sale.vehicle() == null ? null : sale.vehicle().model(), sale.segment()),
                        event.id(), event.aggregateVersion()))
                .on(Cancellation.class, (cancelled, event) -> purchases.cancelled(cancelled.saleId(),
                        cancelled.customerId(), cancelled.branchId(), event.id(), event.aggregateVersion())), TOPIC);
    }

    /** Fields of SaleRecorded / SaleCorrected this service reads (tolerant reader). */
    @EventType({"dealer.sales.SaleRecorded.v1", "dealer.sales.SaleCorrected.v1"})
    record SaleData(String saleId, String branchId, String customerId, VehicleData vehicle, String segment,
            long amountFen, LocalDate saleDate) {
    }

    /** The sold vehicle. */
    record VehicleData(String vin, String model) {
    }

    /** Fields of SaleCancelled this service reads. */
    @EventType("dealer.sales.SaleCancelled.v1")
    record Cancellation(String saleId, String branchId, String customerId) {
    }
}
