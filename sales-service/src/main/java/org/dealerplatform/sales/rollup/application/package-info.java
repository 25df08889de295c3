/** Use cases of the roll-up: applying sale events to the cells, once each. */
package org.dealerplatform.sales.rollup.application;
