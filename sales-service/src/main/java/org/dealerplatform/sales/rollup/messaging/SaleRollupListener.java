package org.dealerplatform.sales.rollup.messaging;

import java.time.LocalDate;
import java.util.List;

import org.dealerplatform.platform.consumer.BatchHandler;
import org.dealerplatform.platform.consumer.EventDispatcher;
import org.dealerplatform.platform.consumer.EventHandlers;
import org.dealerplatform.platform.consumer.EventsListener;
import org.dealerplatform.platform.consumer.EventType;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.platform.events.MalformedEventException;
import org.dealerplatform.sales.rollup.SaleContribution;
import org.dealerplatform.sales.rollup.application.SaleRollup;
import org.dealerplatform.sales.sale.SalesCredit;
import org.springframework.stereotype.Component;

/**
 * Feeds the HQ roll-up ({@link SaleRollup}, SAL-9) from {@code sales.sale.events}: a poll's consecutive sale events
 * reach it together ({@link SaleRollup#applyAll}, bulk writes, issue 10).
 */
@Component
public class SaleRollupListener extends EventsListener {

    public static final String TOPIC = "sales.sale.events";

    static final String CANCELLED = "dealer.sales.SaleCancelled.v1";

    public SaleRollupListener(EventDispatcher dispatcher, SaleRollup rollup) {
        super(sales(dispatcher.handlers("sale-rollup"), rollup), TOPIC);
    }

    /**
     * One batch handler for the three types, so a poll's recorded, corrected and cancelled sales stay in one run, in
     * record order.
     */
    private static EventHandlers.Builder sales(EventHandlers.Builder handlers, SaleRollup rollup) {
        BatchHandler<SaleFacts> batch = events -> rollup.applyAll(events.stream().map(SaleRollupListener::change).toList());
        return handlers.onBatch(SaleFacts.class, batch)
                .onBatch(CANCELLED, SaleFacts.class, batch);
    }

    /**
     * The fields of SaleRecorded / SaleCorrected the roll-up reads (tolerant reader); of SaleCancelled it reads only
     * {@code saleId}.
     */
    @EventType({"dealer.sales.SaleRecorded.v1", "dealer.sales.SaleCorrected.v1"})
    record SaleFacts(String saleId, String branchId, String regionId, List<Credit> salespeople, VehiclePayload vehicle,
            String segment, Long amountFen, LocalDate saleDate) {
    }

    record Credit(String salespersonId, double sharePercent) {
    }

    record VehiclePayload(String model, String category) {
    }

    private static SaleRollup.Change change(BatchHandler.Delivered<SaleFacts> delivered) {
        SaleFacts sale = delivered.data();
        IncomingEvent event = delivered.event();
        if (CANCELLED.equals(event.type())) {
            return new SaleRollup.Change(sale.saleId(), null, true, event);
        }
        return new SaleRollup.Change(sale.saleId(), contribution(sale, event), false, event);
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
