package org.dealerplatform.sales.rollup;

import java.util.Set;

/**
 * What the roll-up has applied of one sale: the sale version, the Kafka record that applied it, the sale's contribution
 * now and before that record ({@code null}: none). It is claimed (compare-and-set on the version) BEFORE any roll-up
 * cell changes.
 *
 * <h2>Why two guards (SAL-9)</h2>
 * The events of one sale are keyed by the sale id, so they sit in one partition in version order. Two kinds of repeats
 * reach the consumer:
 * <ol>
 * <li><b>The relay publishing the same event twice</b> (it crashed between the send and its {@code $pull}): the copy
 * sits at a LATER offset, so an offset high-water mark alone would let it through and count the sale twice. This
 * per-sale record stops it: an event applies only if its version is above the recorded one, and exactly one record
 * can claim a version, because the claim is a compare-and-set. A copy of an older version is stale for the same
 * reason.</li>
 * <li><b>Redelivery of the same record</b> (same partition and offset) after a crash or rebalance before the offset
 * was committed; it may have reached all, some or none of its cells. The claim names that record, so the redelivery
 * RESUMEs it: the delta is fixed ({@code previous → state}), and each cell keeps a per-partition offset high-water
 * mark ({@code offsets.<topic-partition>}) that says whether it took the record already; only cells below the mark
 * are incremented, by an update conditional on the mark.</li>
 * </ol>
 * Claiming first and changing cells second is what makes the two compose: were the cells written first, a crash
 * between the two writes would leave increments with nothing to recognise a republished copy by. The first
 * application of a claimed record needs no condition on the cells (no cell can hold a record that was unclaimed a
 * moment ago); only a resume does. The one window left is a consumer that lost its partition while in the middle of
 * a record and keeps writing while the new owner resumes it; Kafka revokes partitions between records, and the
 * rebuild ({@code POST /api/hq/rollups/rebuild}) recomputes everything from the sales if it ever mattered.
 *
 * <h2>A half-applied sale replayed from the dead-letter topic (REL-2)</h2>
 * A record that fails after some of its cells goes to the dead-letter topic and the partition moves on, so later
 * records raise the cells' offset marks past it: the marks can no longer tell which cells took it. So the claim names
 * the cells still pending ({@code pendingCells}): all of them when claimed, the ones whose mark is still below the
 * record's offset when an attempt fails (precise at that moment: the record is the newest of its partition), none
 * (an empty list) when all are done. A replay at a new offset ({@link Decision#COMPLETE}) moves the claim to itself,
 * applies the delta to exactly the pending cells (guarded by its own, newest offset), and completes the claim.
 */
public record AppliedSale(String saleId, long version, String partitionKey, long offset, SaleContribution state,
        SaleContribution previous, Set<String> pendingCells) {

    /** A claim whose cells are all done (rebuilds, tests). */
    public AppliedSale(String saleId, long version, String partitionKey, long offset, SaleContribution state,
            SaleContribution previous) {
        this(saleId, version, partitionKey, offset, state, previous, null);
    }

    /**
     * True once every cell took the claimed delta (no cell pending; a claim written before cells were tracked counts as
     * complete); a claim still pending names the cells that may lack it (REL-2).
     */
    public boolean complete() {
        return pendingCells == null || pendingCells.isEmpty();
    }

    /** What to do with an event of a sale. */
    public enum Decision {
        /** Not applied yet: record it, then apply the delta to the cells. */
        APPLY,
        /** This very record was claimed before and maybe half-applied: apply the recorded delta again (cells skip done work). */
        RESUME,
        /**
         * The same version arrived again from another record while the claim is not complete: a replayed dead letter (or
         * the relay's copy) of a half-applied sale. It finishes exactly the cells the claim still lists (REL-2).
         */
        COMPLETE,
        /** The same version arrived again from another record (the relay published it twice) and is complete: ignore. */
        DUPLICATE,
        /** An older version than what is applied: ignore (a later rebuild or event already covers it). */
        STALE
    }

    /** Decides what an event of {@code version} from record {@code partitionKey@offset} does, given what is applied. */
    public static Decision decide(AppliedSale applied, long version, String partitionKey, long offset) {
        if (applied == null || applied.version() < version) {
            return Decision.APPLY;
        }
        if (applied.version() > version) {
            return Decision.STALE;
        }
        if (partitionKey.equals(applied.partitionKey()) && offset == applied.offset()) {
            return Decision.RESUME;
        }
        return applied.complete() ? Decision.DUPLICATE : Decision.COMPLETE;
    }
}
