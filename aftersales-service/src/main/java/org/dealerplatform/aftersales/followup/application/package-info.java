/** Use cases of follow-up calls. */
package org.dealerplatform.aftersales.followup.application;
