/** Use cases of the contact replica: the only writers of contacts, vehicle owners and the consent ledger's entries from events. */
package org.dealerplatform.notification.contact.application;
