/** Use cases of the organisation shared by REST: a salesperson's departure with the hand-over of their work (UI-3). */
package org.dealerplatform.sales.organisation.application;
