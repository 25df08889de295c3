package org.dealerplatform.sales.market;

import java.time.YearMonth;

/**
 * How many vehicles the whole market sold in a region, segment and month (entered by HQ from industry figures, SAL-6),
 * of every vehicle category ({@code category} {@code *}) or of one (CUS-4: e.g. the market for sprinklers); each is
 * the denominator of the market share of that cut.
 */
public record MarketTotal(String regionId, String segment, String category, YearMonth month, long units) {

    public static final String ALL_CATEGORIES = "*";

    /** A figure of every vehicle category. */
    public MarketTotal(String regionId, String segment, YearMonth month, long units) {
        this(regionId, segment, ALL_CATEGORIES, month, units);
    }

    public MarketTotal {
        category = category == null ? ALL_CATEGORIES : category;
    }

    /** Readable and deterministic; figures of every category keep the id they had before the category cut. */
    public String id() {
        String id = regionId + "|" + segment + "|" + month;
        return ALL_CATEGORIES.equals(category) ? id : id + "|" + category;
    }
}
