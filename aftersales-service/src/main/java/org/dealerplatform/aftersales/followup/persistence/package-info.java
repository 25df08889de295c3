/** Storage of follow-up calls (MongoDB, outbox in the call document). */
package org.dealerplatform.aftersales.followup.persistence;
