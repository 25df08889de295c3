package org.dealerplatform.sales.organisation;

import java.util.List;

/** The branches seeded into an empty installation; HQ maintains the list afterwards. */
public final class DefaultBranches {

    private DefaultBranches() {
    }

    public static final List<Branch> ALL = List.of(
            new Branch("JS-NJ-01", "Nanjing", "JIANGSU", "Jiangsu"),
            new Branch("JS-SZ-01", "Suzhou", "JIANGSU", "Jiangsu"),
            new Branch("JS-WX-01", "Wuxi", "JIANGSU", "Jiangsu"),
            new Branch("ZJ-HZ-01", "Hangzhou", "ZHEJIANG", "Zhejiang"),
            new Branch("ZJ-NB-01", "Ningbo", "ZHEJIANG", "Zhejiang"));
}
