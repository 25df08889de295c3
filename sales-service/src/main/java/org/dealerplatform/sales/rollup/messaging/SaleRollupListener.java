package org.dealerplatform.sales.rollup.messaging;

import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventHandlers;
import org.dealerplatform.platform.consumer.EventType;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.platform.events.MalformedEventException;
import org.dealerplatform.sales.rollup.SaleContribution;
import org.dealerplatform.sales.rollup.application.SaleRollup;
import org.dealerplatform.sales.sale.SalesCredit;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the HQ roll-up ({@link SaleRollup}, SAL-9) from {@code sales.sale.events}. */
@Component
public class SaleRollupListener {

    public static final String TOPIC = "sales.sale.events";

    private final EventHandlers handlers;

    public SaleRollupListener(EventDispatcher dispatcher, SaleRollup rollup) {
        this.handlers = dispatcher.handlers("sale-rollup")
                .on(SaleFacts.class, (sale, event) -> rollup.apply(sale.saleId(), contribution(sale, event), false, event))
                .on(SaleCancelled.class, (sale, event) -> rollup.apply(sale.saleId(), null, true, event))
                .build();
    }

    /** The fields of SaleRecorded / SaleCorrected the roll-up reads (tolerant reader). */
    @EventType({"dealer.sales.SaleRecorded.v1", "dealer.sales.SaleCorrected.v1"})
    record SaleFacts(String saleId, String branchId, String regionId, List<Credit> salespeople, VehiclePayload vehicle,
            String segment, Long amountFen, LocalDate saleDate) {
    }

    /** The fields of SaleCancelled the roll-up reads. */
    @EventType("dealer.sales.SaleCancelled.v1")
    record SaleCancelled(String saleId) {
    }

    record Credit(String salespersonId, double sharePercent) {
    }

    record VehiclePayload(String model, String category) {
    }

    @KafkaListener(topics = TOPIC)
    void on(List<ConsumerRecord<String, byte[]>> batch) {
        handlers.dispatch(batch);
    }

    /** Applies one event as if Kafka had delivered it (redelivery tests, replays). */
    public void apply(IncomingEvent event) {
        handlers.dispatch(event);
    }

    private static SaleContribution contribution(SaleFacts p, IncomingEvent event) {
        if (p.salespeople() == null || p.vehicle() == null || p.amountFen() == null || p.saleDate() == null) {
            throw new MalformedEventException("event " + event.id() + " lacks the sale facts the roll-up needs", null);
        }
        List<SalesCredit> credits = p.salespeople().stream()
                .map(c -> new SalesCredit(c.salespersonId(), (int) Math.round(c.sharePercent()))).toList();
        return new SaleContribution(p.branchId(), p.regionId(), credits, p.segment(), p.vehicle().model(),
                p.vehicle().category(), p.amountFen(),
                p.saleDate(), true);
    }
}
