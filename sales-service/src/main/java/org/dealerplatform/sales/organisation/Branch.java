package org.dealerplatform.sales.organisation;

/** A branch (4S store) and the region it reports to, e.g. JS-NJ-01 Nanjing in JIANGSU. */
public record Branch(String id, String name, String regionId, String regionName) {
}
