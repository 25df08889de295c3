/** Listeners that turn sales into serviced vehicles. */
package org.dealerplatform.aftersales.vehicle.messaging;
