/** Use cases of the model catalogue replica: applying catalogue events and resolving a command's model. */
package org.dealerplatform.customer.catalogue.application;
