/** REST endpoints of work orders. */
package org.dealerplatform.aftersales.workorder.web;
