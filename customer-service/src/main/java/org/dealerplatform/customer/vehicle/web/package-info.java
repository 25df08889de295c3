/** HTTP adapter for vehicles: add with VIN/plate checks and ownership transfer (CUS-1, CUS-9). */
package org.dealerplatform.customer.vehicle.web;
