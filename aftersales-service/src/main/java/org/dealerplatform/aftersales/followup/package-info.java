/** Follow-up (return-visit) calls after each service, and the complaints low scores raise (AFT-5). */
package org.dealerplatform.aftersales.followup;
