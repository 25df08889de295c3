package org.dealerplatform.customer.classification.messaging;

import java.time.LocalDate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.customer.classification.application.Reclassification;
import org.dealerplatform.customer.classification.persistence.PurchaseLedger;
import org.dealerplatform.customer.customer.persistence.CustomerStore;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the purchase ledger from {@code sales.sale.events} and re-evaluates the customer's class on every sale,
 * cancellation and correction (CUS-3). The class is recomputed even when the ledger had already applied the event,
 * so a crash between the two writes heals on redelivery.
 */
@Component
public class SaleEventsListener {

    static final String TOPIC = "sales.sale.events";

    private final EventReader reader;
    private final PurchaseLedger ledger;
    private final Reclassification reclassification;
    private final CustomerStore customers;

    public SaleEventsListener(EventReader reader, PurchaseLedger ledger, Reclassification reclassification,
            CustomerStore customers) {
        this.reader = reader;
        this.customers = customers;
        this.ledger = ledger;
        this.reclassification = reclassification;
    }

    /** Fields of SaleRecorded / SaleCorrected this service reads (tolerant reader). */
    record SaleData(String saleId, String branchId, String customerId, VehicleData vehicle, String segment,
            long amountFen, LocalDate saleDate) {
    }

    /** The sold vehicle. */
    record VehicleData(String vin, String model) {
    }

    /** Fields of SaleCancelled this service reads. */
    record Cancellation(String saleId, String branchId, String customerId) {
    }

    @KafkaListener(topics = TOPIC)
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = reader.read(record);
        try (EventContext.Scope scope = event.open()) {
            switch (event.type()) {
                case "dealer.sales.SaleRecorded.v1", "dealer.sales.SaleCorrected.v1" -> {
                    SaleData sale = reader.data(event, SaleData.class);
                    String customerId = customers.currentId(sale.customerId());
                    String previousCustomer = ledger.recordOrCorrect(new PurchaseLedger.Sale(sale.saleId(),
                            customerId, sale.branchId(), sale.amountFen(), sale.saleDate(),
                            sale.vehicle() == null ? null : sale.vehicle().vin(),
                            sale.vehicle() == null ? null : sale.vehicle().model(), sale.segment()),
                            event.id(), event.aggregateVersion());
                    if (previousCustomer != null && !previousCustomer.equals(customerId)) {
                        reclassification.reclassify(previousCustomer);
                    }
                    reclassification.reclassify(customerId);
                }
                case "dealer.sales.SaleCancelled.v1" -> {
                    Cancellation cancelled = reader.data(event, Cancellation.class);
                    String customerId = customers.currentId(cancelled.customerId());
                    ledger.cancel(cancelled.saleId(), customerId, cancelled.branchId(), event.id(),
                            event.aggregateVersion());
                    reclassification.reclassify(customerId);
                }
                default -> {
                    // other sale events do not concern customer files
                }
            }
        }
    }
}
