/** Use cases of serviced vehicles shared by REST endpoints and event listeners. */
package org.dealerplatform.aftersales.vehicle.application;
