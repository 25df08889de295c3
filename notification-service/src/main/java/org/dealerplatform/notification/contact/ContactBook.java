package org.dealerplatform.notification.contact;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.notification.outbound.Channel;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Reads the contact replica as {@link ContactProfile}s and records SMS-reply opt-outs in it (NOT-3, NOT-7). */
@Component
public class ContactBook {

    /** The replica of contact details and consent, one document per customer (written by the contact directory). */
    public static final String COLLECTION = "contacts";
    /** The current owner of each vehicle, by VIN (CUS-9). */
    public static final String VEHICLE_OWNERS = "vehicle-owners";

    private static final int MAX_MERGE_HOPS = 5;

    private final MongoTemplate mongo;

    public ContactBook(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("mobile", Sort.Direction.ASC).named("mobile"));
    }

    /** The profile to contact for {@code customerId}, following merges to the surviving file; empty if unknown. */
    public Optional<ContactProfile> find(String customerId) {
        String id = customerId;
        for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
            Document document = mongo.findById(id, Document.class, COLLECTION);
            if (document == null) {
                return Optional.empty();
            }
            String mergedInto = document.getString("mergedInto");
            if (mergedInto == null) {
                return document.get("name") == null ? Optional.empty() : Optional.of(toProfile(document));
            }
            id = mergedInto;
        }
        return Optional.empty();
    }

    /**
     * {@link #find} for many customers at once (issue 10: one query per dispatched page): one {@code _id $in} read,
     * then one more per merge hop for the customers whose file was merged into another. Unknown customers (and merge
     * chains longer than {@value #MAX_MERGE_HOPS}) are absent from the answer, exactly as {@link #find} answers empty.
     */
    public Map<String, ContactProfile> findAll(Collection<String> customerIds) {
        Map<String, ContactProfile> found = new HashMap<>();
        Map<String, String> lookingAt = new HashMap<>();
        for (String customerId : customerIds) {
            lookingAt.put(customerId, customerId);
        }
        for (int hop = 0; hop < MAX_MERGE_HOPS && !lookingAt.isEmpty(); hop++) {
            Map<String, Document> documents = new HashMap<>();
            for (Document document : mongo.find(Query.query(Criteria.where("_id").in(new HashSet<>(lookingAt.values()))),
                    Document.class, COLLECTION)) {
                documents.put(document.getString("_id"), document);
            }
            Map<String, String> next = new HashMap<>();
            lookingAt.forEach((customerId, id) -> {
                Document document = documents.get(id);
                if (document == null) {
                    return;
                }
                String mergedInto = document.getString("mergedInto");
                if (mergedInto != null) {
                    next.put(customerId, mergedInto);
                } else if (document.get("name") != null) {
                    found.put(customerId, toProfile(document));
                }
            });
            lookingAt = next;
        }
        return found;
    }

    /** {@link #currentOwnerOf} for many vehicles with one {@code _id $in} read: VIN → current owner, where known. */
    public Map<String, String> currentOwnersOf(Collection<String> vins) {
        Map<String, String> owners = new HashMap<>();
        if (vins.isEmpty()) {
            return owners;
        }
        for (Document owner : mongo.find(Query.query(Criteria.where("_id").in(vins)), Document.class, VEHICLE_OWNERS)) {
            if (owner.getString("customerId") != null) {
                owners.put(owner.getString("_id"), owner.getString("customerId"));
            }
        }
        return owners;
    }

    /** Who owns {@code vin} now, if a transfer of it was seen (CUS-9); empty otherwise. */
    public Optional<String> currentOwnerOf(String vin) {
        if (vin == null) {
            return Optional.empty();
        }
        Document owner = mongo.findById(vin, Document.class, VEHICLE_OWNERS);
        return Optional.ofNullable(owner == null ? null : owner.getString("customerId"));
    }

    /** A customer's branch and the branches that served them under a serve-at-branch grant (INT-1/INT-2). */
    public record Branches(String branchId, List<String> servedAt) {
    }

    /** {@link #branchOf} and {@link #servedAt} for many customers with one {@code _id $in} read; unknown ones are absent. */
    public Map<String, Branches> branchesOf(Collection<String> customerIds) {
        Map<String, Branches> found = new HashMap<>();
        if (customerIds.isEmpty()) {
            return found;
        }
        Query query = Query.query(Criteria.where("_id").in(new HashSet<>(customerIds)));
        query.fields().include("_id").include("branchId").include("servedAt");
        for (Document document : mongo.find(query, Document.class, COLLECTION)) {
            List<String> served = new ArrayList<>();
            if (document.get("servedAt") instanceof List<?> list) {
                list.forEach(branch -> served.add(String.valueOf(branch)));
            }
            found.put(document.getString("_id"), new Branches(document.getString("branchId"), served));
        }
        return found;
    }

    /** The branch of a known customer (for branch scoping of consent questions). */
    public Optional<String> branchOf(String customerId) {
        Document document = mongo.findById(customerId, Document.class, COLLECTION);
        return Optional.ofNullable(document == null ? null : document.getString("branchId"));
    }

    /** INT-1/INT-2: whether {@code branchId} served this customer under an audited serve-at-branch grant. */
    public boolean servedAt(String customerId, String branchId) {
        Document document = mongo.findById(customerId, Document.class, COLLECTION);
        return document != null && document.get("servedAt") instanceof List<?> served && served.contains(branchId);
    }

    /** Customers (not merged away) with this mobile number. */
    public List<ContactProfile> findByMobile(String mobile) {
        List<ContactProfile> found = new ArrayList<>();
        for (Document document : mongo.find(Query.query(Criteria.where("mobile").is(MobileNumbers.normalize(mobile))
                .and("mergedInto").is(null)), Document.class, COLLECTION)) {
            found.add(toProfile(document));
        }
        return found;
    }

    /** Stops sending on {@code channel} at once after an opt-out reply, until customer-service says otherwise. */
    public void recordOptOut(String customerId, Channel channel, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId)),
                new Update().max("optOuts." + channel.name(), Date.from(at)), COLLECTION);
    }

    private static ContactProfile toProfile(Document d) {
        Map<Channel, Boolean> consents = new EnumMap<>(Channel.class);
        Document consentDoc = d.get("consents", Document.class);
        if (consentDoc != null) {
            for (Channel channel : Channel.values()) {
                consents.put(channel, Boolean.TRUE.equals(consentDoc.getBoolean(channel.name())));
            }
        }
        List<Channel> preferred = new ArrayList<>();
        List<?> preferredRaw = d.get("preferredChannels", List.class);
        if (preferredRaw != null) {
            for (Object value : preferredRaw) {
                try {
                    preferred.add(Channel.valueOf(String.valueOf(value)));
                } catch (IllegalArgumentException unknownChannel) {
                    // a channel this service does not know yet: ignore (tolerant reader)
                }
            }
        }
        Map<Channel, Instant> optOuts = new EnumMap<>(Channel.class);
        Document optOutDoc = d.get("optOuts", Document.class);
        if (optOutDoc != null) {
            optOutDoc.forEach((key, value) -> {
                if (value instanceof Date date) {
                    optOuts.put(Channel.valueOf(key), date.toInstant());
                }
            });
        }
        Date changedAt = d.getDate("preferencesChangedAt");
        String zone = d.getString("timeZone");
        return new ContactProfile(d.getString("_id"), d.getString("branchId"), d.getString("name"),
                d.getString("mobile"), d.getString("email"), d.getString("address"), d.getString("preferredLanguage"),
                consents, preferred, changedAt == null ? null : changedAt.toInstant(), optOuts,
                zone == null ? null : ZoneId.of(zone));
    }
}
