/** The consultant use cases: who looks after a new file, naming another, and a departed salesperson's handover. */
package org.dealerplatform.customer.consultant.application;
