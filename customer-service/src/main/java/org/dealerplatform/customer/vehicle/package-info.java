/** Vehicles in customer files: VIN and plate rules (CUS-8), categories (CUS-4), ownership transfer (CUS-9). */
package org.dealerplatform.customer.vehicle;
