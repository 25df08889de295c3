package org.dealerplatform.sales.organisation;

/** A salesperson of one branch; sales credit them by id (SAL-11). */
public record Salesperson(String id, String name, String branchId, boolean active) {
}
