package org.dealerplatform.local;

/**
 * One slice of the demo data set (customers, later sales, targets, maintenance records), loaded through the
 * gateway's public API; {@link DemoData} runs each loader once per data dir.
 */
public interface DemoDataLoader {

    /** A stable key: recorded in the data dir's marker file once this loader has succeeded. */
    String name();

    /**
     * Loads the data; must be idempotent (a rerun after a half-finished run meets its own earlier records and must
     * treat a 409 as "already there"). Returns a one-line summary for the console; throws to report a failure.
     */
    String load(DemoData.Context context) throws Exception;
}
