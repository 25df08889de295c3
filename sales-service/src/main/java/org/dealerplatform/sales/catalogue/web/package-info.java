/** REST adapter of the model catalogue: HQ maintains models and aliases, everyone reads the models. */
package org.dealerplatform.sales.catalogue.web;
