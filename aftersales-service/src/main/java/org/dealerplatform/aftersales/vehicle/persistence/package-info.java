/** Storage of serviced vehicles (MongoDB, outbox in the vehicle document). */
package org.dealerplatform.aftersales.vehicle.persistence;
