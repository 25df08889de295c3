/** Serviced vehicles: owner, odometer history, maintenance plan and next due date (AFT-2, CUS-9). */
package org.dealerplatform.aftersales.vehicle;
