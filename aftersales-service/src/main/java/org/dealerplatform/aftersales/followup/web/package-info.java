/** REST endpoints of follow-up calls and complaints. */
package org.dealerplatform.aftersales.followup.web;
