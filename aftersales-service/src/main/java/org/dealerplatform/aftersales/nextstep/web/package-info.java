/** REST endpoint of a customer's next steps. */
package org.dealerplatform.aftersales.nextstep.web;
