/** REST adapter of serving a customer at another branch. */
package org.dealerplatform.customer.serving.web;
