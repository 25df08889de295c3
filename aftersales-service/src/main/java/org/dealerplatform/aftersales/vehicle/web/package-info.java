/** REST endpoints of serviced vehicles. */
package org.dealerplatform.aftersales.vehicle.web;
