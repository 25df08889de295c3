/**
 * The HQ roll-up (SAL-9): pre-aggregated figures per level × month × segment × model, kept current from the sale
 * events, so that every report is a handful of indexed point reads whatever the number of stored sales.
 */
package org.dealerplatform.sales.rollup;
