/** The remap of customer vehicles' stored free-text models to catalogue models (SAL-12). */
package org.dealerplatform.customer.vehicle.persistence;
