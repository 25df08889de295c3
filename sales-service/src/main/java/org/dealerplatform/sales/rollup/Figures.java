package org.dealerplatform.sales.rollup;

import java.math.BigDecimal;

/**
 * Sales figures of one roll-up cell: the amount and the credited units in hundredths. A branch (and above) counts
 * 100 hundredths per sale; a salesperson counts their share percent of it (SAL-11), so 60% of a sale is 0.60 units.
 */
public record Figures(long amountFen, long unitHundredths) {

    public static final Figures ZERO = new Figures(0, 0);

    public Figures plus(Figures other) {
        return new Figures(amountFen + other.amountFen, unitHundredths + other.unitHundredths);
    }

    public Figures minus(Figures other) {
        return new Figures(amountFen - other.amountFen, unitHundredths - other.unitHundredths);
    }

    public boolean isZero() {
        return amountFen == 0 && unitHundredths == 0;
    }

    /** Credited units, e.g. 12.60. */
    public BigDecimal units() {
        return BigDecimal.valueOf(unitHundredths, 2);
    }
}
