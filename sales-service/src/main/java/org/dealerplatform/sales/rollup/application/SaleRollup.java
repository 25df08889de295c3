package org.dealerplatform.sales.rollup.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dealerplatform.platform.events.IncomingEvent;

import org.dealerplatform.sales.rollup.AppliedSale;
import org.dealerplatform.sales.rollup.DayCell;
import org.dealerplatform.sales.rollup.Figures;
import org.dealerplatform.sales.rollup.RollupCell;
import org.dealerplatform.sales.rollup.SaleContribution;
import org.dealerplatform.sales.rollup.persistence.RollupStore;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Keeps the HQ roll-up current from the sale events (SAL-9), seconds after a sale is saved. Each event is applied
 * exactly once to every cell it changes, however Kafka or the relay repeat it: see {@link AppliedSale} for the
 * reasoning.
 *
 * <h2>A batch of events at once (issue 10)</h2>
 * A sale changes about eight month cells and as many day cells, so one write per cell per sale does not keep up with
 * a thousand sales a second. {@link #applyAll} takes a poll's run of sale events and writes them in five round trips
 * whatever their number, in this order:
 * <ol>
 * <li><b>Read</b> the per-sale records of the batch's sales (one {@code _id $in} read) and decide every event in memory,
 * in record order, each against the state the events before it left (a sale recorded and corrected in one poll is
 * one claim). Events that are stale or duplicates are dropped here.</li>
 * <li><b>Claim</b> every changed sale in one unordered bulk: its new state, the state the cells held before the batch
 * ({@code previous}), the record of its LAST event in the batch, and all its cells pending. This is the batch's
 * journal: from here on a crash is recovered by the redelivery of the same records, which RESUMEs each claim.</li>
 * <li><b>Cells</b>: the deltas summed per cell, one unordered bulk of {@code $inc} upserts per collection, each also
 * raising the cell's mark for every partition that touches it to the highest claiming offset
 * ({@link RollupStore#addAll}). A crash in the middle leaves each cell with all of the batch's claims that touch it
 * or none, and its mark says which, so RESUME adds exactly what a cell lacks.</li>
 * <li><b>Complete</b> the claims in one unordered bulk. A crash before it leaves complete cells and pending claims:
 * their redelivery RESUMEs, finds every mark at or above its offset and only completes them.</li>
 * </ol>
 * The fast path takes every first application ({@link AppliedSale.Decision#APPLY}) on a complete claim and drops
 * repeats. An event that meets a claim to RESUME or COMPLETE (after a crash or from the dead-letter topic, REL-2) is
 * applied alone by {@link #apply}, which knows those cases, after the bulk of the events before it; the events after it
 * go on in bulk. Any failure of the fast path
 * is thrown; the platform's dispatcher then applies the same events one at a time (they RESUME what the batch
 * claimed), so a failure still names one record, which alone is retried or dead-lettered (REL-1, REL-2).
 */
@Service
public class SaleRollup {

    private final RollupStore store;

    public SaleRollup(RollupStore store) {
        this.store = store;
    }

    /** One sale event for {@link #applyAll}: the sale's new contribution ({@code null}: cancelled) and the event. */
    public record Change(String saleId, SaleContribution contribution, boolean cancelled, IncomingEvent event) {
    }

    /**
     * Applies a run of sale events, in record order, with bulk writes (see the class comment for the order). An event
     * that needs the careful path (a claim to RESUME or COMPLETE) first flushes the events decided before it, then is
     * applied alone; the events after it go on in bulk, so a crash costs one-at-a-time writes only for its own claims.
     */
    public void applyAll(List<Change> changes) {
        if (changes.size() == 1) {
            Change change = changes.get(0);
            apply(change.saleId(), change.contribution(), change.cancelled(), change.event());
            return;
        }
        Map<String, AppliedSale> current = new HashMap<>(
                store.appliedAll(changes.stream().map(Change::saleId).distinct().toList()));
        Map<String, AppliedSale> run = new LinkedHashMap<>();
        for (Change change : changes) {
            String saleId = change.saleId();
            AppliedSale applied = run.containsKey(saleId) ? run.get(saleId) : current.get(saleId);
            IncomingEvent event = change.event();
            AppliedSale.Decision decision = AppliedSale.decide(applied, event.aggregateVersion(), event.partitionKey(),
                    event.offset());
            if (decision == AppliedSale.Decision.STALE || decision == AppliedSale.Decision.DUPLICATE) {
                continue;
            }
            if (decision != AppliedSale.Decision.APPLY || !completeOrNone(applied)) {
                // a claim to resume or complete (a crash, a dead-letter replay): what came before goes first, in bulk,
                // so every cell's partition mark still rises in record order; then this one the careful way
                writeRun(run, current);
                apply(saleId, change.contribution(), change.cancelled(), event);
                current.put(saleId, store.applied(saleId).orElse(null));
                continue;
            }
            SaleContribution before = applied == null ? null : applied.state();
            SaleContribution after = change.cancelled() ? (before == null ? null : before.cancelled()) : change.contribution();
            // in memory the claim is complete: the bulk writes every cell of it before it completes them all
            run.put(saleId, new AppliedSale(saleId, event.aggregateVersion(), event.partitionKey(), event.offset(), after,
                    before));
        }
        writeRun(run, current);
    }

    /** Claims, writes the cells of and completes a run of first applications in three bulk writes; empties {@code run}. */
    private void writeRun(Map<String, AppliedSale> run, Map<String, AppliedSale> current) {
        if (run.isEmpty()) {
            return;
        }
        List<RollupStore.Claim> claims = new ArrayList<>(run.size());
        List<RollupStore.ClaimedDelta> deltas = new ArrayList<>(run.size());
        List<AppliedSale> claimed = new ArrayList<>(run.size());
        run.forEach((saleId, last) -> {
            AppliedSale was = current.get(saleId);
            SaleContribution base = was == null ? null : was.state();
            Map<RollupCell, Figures> months = SaleContribution.delta(base, last.state());
            Map<DayCell, Figures> days = SaleContribution.dayDelta(base, last.state());
            AppliedSale claim = new AppliedSale(saleId, last.version(), last.partitionKey(), last.offset(), last.state(),
                    base, RollupStore.cellIds(months, days));
            claims.add(new RollupStore.Claim(claim, was == null ? null : was.version()));
            deltas.add(new RollupStore.ClaimedDelta(months, days, last.partitionKey(), last.offset()));
            claimed.add(claim);
        });
        store.claimAll(claims);
        store.addAll(deltas);
        store.completeAll(claimed);
        current.putAll(run);
        run.clear();
    }

    private static boolean completeOrNone(AppliedSale applied) {
        return applied == null || applied.complete();
    }

    /**
     * Applies a sale's new contribution ({@code null}: cancelled), delivered as {@code event}; {@code false} if it changed
     * nothing because it had been applied before.
     */
    public boolean apply(String saleId, SaleContribution contribution, boolean cancelled, IncomingEvent event) {
        AppliedSale applied = store.applied(saleId).orElse(null);
        switch (AppliedSale.decide(applied, event.aggregateVersion(), event.partitionKey(), event.offset())) {
            case STALE, DUPLICATE -> {
                return false;
            }
            case RESUME -> {
                Map<RollupCell, Figures> months = SaleContribution.delta(applied.previous(), applied.state());
                Map<DayCell, Figures> days = SaleContribution.dayDelta(applied.previous(), applied.state());
                if (applied.pendingCells() != null) {
                    // only the cells the claim still lists: after a replay moved the claim here, the others took the
                    // sale under the earlier record, whose marks this record's offset would not recognise (REL-2)
                    months = RollupStore.pendingOnly(months, applied.pendingCells());
                    days = RollupStore.pendingDaysOnly(days, applied.pendingCells());
                }
                Map<RollupCell, Figures> monthsLeft = months;
                Map<DayCell, Figures> daysLeft = days;
                finish(applied, monthsLeft, daysLeft, event,
                        () -> store.resumeDelta(monthsLeft, daysLeft, event.partitionKey(), event.offset()));
                return true;
            }
            case COMPLETE -> {
                // REL-2: a replay at a new offset finishes exactly the cells the claim still lists
                Map<RollupCell, Figures> months = RollupStore.pendingOnly(
                        SaleContribution.delta(applied.previous(), applied.state()), applied.pendingCells());
                Map<DayCell, Figures> days = RollupStore.pendingDaysOnly(
                        SaleContribution.dayDelta(applied.previous(), applied.state()), applied.pendingCells());
                if (!store.moveClaim(applied, event.partitionKey(), event.offset())) {
                    throw new OptimisticLockingFailureException("sale " + saleId + " was applied concurrently; retrying");
                }
                AppliedSale moved = new AppliedSale(saleId, applied.version(), event.partitionKey(), event.offset(),
                        applied.state(), applied.previous(), applied.pendingCells());
                finish(moved, months, days, event, () -> store.resumeDelta(months, days, event.partitionKey(), event.offset()));
                return true;
            }
            case APPLY -> {
                SaleContribution before = applied == null ? null : applied.state();
                SaleContribution after = cancelled ? (before == null ? null : before.cancelled()) : contribution;
                Map<RollupCell, Figures> months = SaleContribution.difference(held(applied, false), after == null ? Map.of() : after.cells());
                Map<DayCell, Figures> days = SaleContribution.difference(held(applied, true), after == null ? Map.of() : after.dayCells());
                AppliedSale next = new AppliedSale(saleId, event.aggregateVersion(), event.partitionKey(), event.offset(),
                        after, before, RollupStore.cellIds(months, days));
                if (!store.recordApplied(next, applied == null ? null : applied.version())) {
                    throw new OptimisticLockingFailureException("sale " + saleId + " was applied concurrently; retrying");
                }
                finish(next, months, days, event, () -> store.addDelta(months, days, event.partitionKey(), event.offset()));
                return true;
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * What the cells hold of a sale now: its claimed state, except in cells an incomplete claim still lists, which
     * hold the state before it (REL-2: a newer version over a half-applied one corrects exactly what is there).
     */
    @SuppressWarnings("unchecked")
    private static <K> Map<K, Figures> held(AppliedSale applied, boolean days) {
        if (applied == null || applied.state() == null && applied.previous() == null) {
            return Map.of();
        }
        Map<K, Figures> state = applied.state() == null ? Map.of()
                : (Map<K, Figures>) (days ? applied.state().dayCells() : applied.state().cells());
        if (applied.complete()) {
            return state;
        }
        Map<K, Figures> previous = applied.previous() == null ? Map.of()
                : (Map<K, Figures>) (days ? applied.previous().dayCells() : applied.previous().cells());
        Map<K, Figures> held = new java.util.HashMap<>(state);
        java.util.Set<Object> cells = new java.util.HashSet<>(state.keySet());
        cells.addAll(previous.keySet());
        for (Object cell : cells) {
            String id = days ? RollupStore.DAY_CELL + ((DayCell) cell).id() : RollupStore.MONTH_CELL + ((RollupCell) cell).id();
            if (applied.pendingCells().contains(id)) {
                Figures before = previous.get(cell);
                if (before == null) {
                    held.remove(cell);
                } else {
                    held.put((K) cell, before);
                }
            }
        }
        return held;
    }

    /**
     * Writes the cells of a claimed record, then marks the claim complete. If the cells fail part-way, the claim first
     * learns which cells still lack the record (their offset mark is below it: exact now, as this record is the newest
     * of its partition), so a replay from the dead-letter topic at another offset completes exactly those (REL-2).
     */
    private void finish(AppliedSale claim, Map<RollupCell, Figures> months, Map<DayCell, Figures> days,
            IncomingEvent event, Runnable cells) {
        try {
            cells.run();
        } catch (RuntimeException failed) {
            try {
                store.recordPending(claim, store.cellsBelow(months, days, event.partitionKey(), event.offset()));
            } catch (RuntimeException alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
        store.completeClaim(claim);
    }
}
