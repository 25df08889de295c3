package org.dealerplatform.sales.rollup.messaging;

import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dealerplatform.platform.events.EventContext;
import org.dealerplatform.platform.events.EventReader;
import org.dealerplatform.platform.events.IncomingEvent;
import org.dealerplatform.platform.events.MalformedEventException;
import org.dealerplatform.sales.rollup.AppliedSale;
import org.dealerplatform.sales.rollup.SaleContribution;
import org.dealerplatform.sales.rollup.persistence.RollupStore;
import org.dealerplatform.sales.sale.SalesCredit;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the HQ roll-up current from {@code sales.sale.events} (SAL-9), seconds after a sale is saved. Each event is
 * applied exactly once to every cell it changes, however Kafka or the relay repeat it: see {@link AppliedSale} for the
 * reasoning. Failures are not caught: the platform's error handler retries, then dead-letters the record.
 */
@Component
public class SaleRollupProjector {

    static final String RECORDED = "dealer.sales.SaleRecorded.v1";
    static final String CORRECTED = "dealer.sales.SaleCorrected.v1";
    static final String CANCELLED = "dealer.sales.SaleCancelled.v1";

    private final EventReader reader;
    private final RollupStore store;

    public SaleRollupProjector(EventReader reader, RollupStore store) {
        this.reader = reader;
        this.store = store;
    }

    /** The fields of SaleRecorded / SaleCorrected / SaleCancelled the roll-up reads (tolerant reader). */
    record SalePayload(String saleId, String branchId, String regionId, List<Credit> salespeople, VehiclePayload vehicle,
            String segment, Long amountFen, LocalDate saleDate) {
    }

    record Credit(String salespersonId, double sharePercent) {
    }

    record VehiclePayload(String model) {
    }

    @KafkaListener(topics = "sales.sale.events")
    void on(ConsumerRecord<String, byte[]> record) {
        apply(reader.read(record));
    }

    /** Applies one event; {@code false} if it changed nothing because it had been applied before (or is unknown). */
    public boolean apply(IncomingEvent event) {
        if (!RECORDED.equals(event.type()) && !CORRECTED.equals(event.type()) && !CANCELLED.equals(event.type())) {
            return false;
        }
        try (EventContext.Scope scope = event.open()) {
            SalePayload payload = reader.data(event, SalePayload.class);
            AppliedSale applied = store.applied(payload.saleId()).orElse(null);
            switch (AppliedSale.decide(applied, event.aggregateVersion(), event.partitionKey(), event.offset())) {
                case STALE, DUPLICATE -> {
                    return false;
                }
                case RESUME -> {
                    store.resumeDelta(SaleContribution.delta(applied.previous(), applied.state()),
                            SaleContribution.dayDelta(applied.previous(), applied.state()), event.partitionKey(), event.offset());
                    return true;
                }
                case APPLY -> {
                    SaleContribution before = applied == null ? null : applied.state();
                    SaleContribution after = after(event, payload, before);
                    AppliedSale next = new AppliedSale(payload.saleId(), event.aggregateVersion(), event.partitionKey(),
                            event.offset(), after, before);
                    if (!store.recordApplied(next, applied == null ? null : applied.version())) {
                        throw new OptimisticLockingFailureException("sale " + payload.saleId() + " was applied concurrently; retrying");
                    }
                    store.addDelta(SaleContribution.delta(before, after), SaleContribution.dayDelta(before, after),
                            event.partitionKey(), event.offset());
                    return true;
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private static SaleContribution after(IncomingEvent event, SalePayload p, SaleContribution before) {
        if (CANCELLED.equals(event.type())) {
            return before == null ? null : before.cancelled();
        }
        if (p.salespeople() == null || p.vehicle() == null || p.amountFen() == null || p.saleDate() == null) {
            throw new MalformedEventException("event " + event.id() + " lacks the sale facts the roll-up needs", null);
        }
        List<SalesCredit> credits = p.salespeople().stream()
                .map(c -> new SalesCredit(c.salespersonId(), (int) Math.round(c.sharePercent()))).toList();
        return new SaleContribution(p.branchId(), p.regionId(), credits, p.segment(), p.vehicle().model(), p.amountFen(),
                p.saleDate(), true);
    }
}
