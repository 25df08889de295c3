package org.dealerplatform.sales.rollup.persistence;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.dealerplatform.sales.rollup.AppliedSale;
import org.dealerplatform.sales.rollup.DayCell;
import org.dealerplatform.sales.rollup.Figures;
import org.dealerplatform.sales.rollup.RollupCell;
import org.dealerplatform.sales.rollup.SaleContribution;
import org.dealerplatform.sales.sale.SaleStatus;
import org.dealerplatform.sales.sale.SalesCredit;
import org.dealerplatform.sales.sale.persistence.SaleStore;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Recomputes every roll-up cell from the sales themselves (SAL-9 rebuild), e.g. after a bug fix or a dead-lettered event.
 *
 * <p>Each sale's per-sale record is set to the sale's current version, so events still in flight for versions the
 * rebuild already covers are ignored, and later ones apply on top. Run it when few sales are being recorded: a sale
 * saved while the rebuild reads is counted by whichever of the two writes its cells last.
 */
@Component
public class RollupRebuild {

    private final MongoTemplate mongo;
    private final RollupStore store;

    public RollupRebuild(MongoTemplate mongo, RollupStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    /** What a rebuild did. */
    public record Result(long sales, long cells, long millis) {
    }

    public Result rebuild() {
        long start = System.currentTimeMillis();
        Map<RollupCell, Figures> cells = new HashMap<>();
        Map<DayCell, Figures> days = new HashMap<>();
        List<AppliedSale> applied = new ArrayList<>();
        Query all = new Query();
        all.fields().include("branchId", "regionId", "salespeople", "segment", "vehicle.model", "vehicle.category", "amountFen", "saleDate",
                "status", "version");
        try (var sales = mongo.stream(all, Document.class, SaleStore.COLLECTION)) {
            sales.forEach(d -> {
                SaleContribution contribution = contribution(d);
                contribution.cells().forEach((cell, figures) -> cells.merge(cell, figures, Figures::plus));
                contribution.dayCells().forEach((cell, figures) -> days.merge(cell, figures, Figures::plus));
                applied.add(new AppliedSale(d.getString("_id"), ((Number) d.get("version")).longValue(), "rebuild", -1,
                        contribution, null));
            });
        }
        store.replaceAll(cells, days, applied);
        return new Result(applied.size(), cells.size(), System.currentTimeMillis() - start);
    }

    /** A stored sale's contribution; dates are read back as Spring Data wrote them (start of day, default zone). */
    public static SaleContribution contribution(Document d) {
        List<SalesCredit> credits = d.getList("salespeople", Document.class).stream()
                .map(s -> new SalesCredit(s.getString("salespersonId"), ((Number) s.get("sharePercent")).intValue())).toList();
        LocalDate saleDate = localDate(d.get("saleDate"));
        return new SaleContribution(d.getString("branchId"), d.getString("regionId"), credits, d.getString("segment"),
                d.get("vehicle", Document.class).getString("model"), d.get("vehicle", Document.class).getString("category"),
                ((Number) d.get("amountFen")).longValue(),
                saleDate, !SaleStatus.CANCELLED.name().equals(d.getString("status")));
    }

    static LocalDate localDate(Object value) {
        if (value instanceof Date date) {
            return date.toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }
}
