package org.dealerplatform.customer.file.persistence;

import java.util.List;

import org.bson.Document;
import org.dealerplatform.customer.file.Customer;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterLoadEvent;
import org.springframework.stereotype.Component;

/**
 * Migrates on read a customer file stored before its contact preferences became one part (CUS-5): such a document
 * keeps {@code preferredLanguage}, {@code consents}, {@code preferredChannels} and {@code consentChangedAt} flat beside
 * the other fields; they are moved into {@code contactPreferences} before the document is mapped. A document that has
 * the part is left as it is (the flat fields of an upgraded file stay behind after its next save, unread).
 */
@Component
public class ContactPreferencesUpgrade extends AbstractMongoEventListener<Customer> {

    /** The part's field in a customer document. */
    public static final String PART = "contactPreferences";
    /** The fields the part held flat before. */
    public static final List<String> FLAT_FIELDS = List.of("preferredLanguage", "consents", "preferredChannels",
            "consentChangedAt");

    @Override
    public void onAfterLoad(AfterLoadEvent<Customer> event) {
        upgrade(event.getDocument());
    }

    /** Moves the flat fields into the part, if the document has no part yet. */
    static void upgrade(Document customer) {
        if (customer == null || customer.containsKey(PART)) {
            return;
        }
        Document part = new Document();
        for (String field : FLAT_FIELDS) {
            if (customer.containsKey(field)) {
                part.put(field, customer.get(field));
            }
        }
        if (!part.isEmpty()) {
            customer.put(PART, part);
        }
    }
}
