/** MongoDB storage of the model catalogue and its aliases. */
package org.dealerplatform.sales.catalogue.persistence;
