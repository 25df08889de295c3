package org.dealerplatform.sales.market;

import java.time.YearMonth;

/** How many vehicles the whole market sold in a region, segment and month (entered by HQ from industry figures, SAL-6). */
public record MarketTotal(String regionId, String segment, YearMonth month, long units) {

    public String id() {
        return regionId + "|" + segment + "|" + month;
    }
}
