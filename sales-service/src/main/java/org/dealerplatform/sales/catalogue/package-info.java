/** HQ's vehicle model catalogue (brand, series, model, vehicle category) and its alias table (SAL-12, CUS-4). */
package org.dealerplatform.sales.catalogue;
