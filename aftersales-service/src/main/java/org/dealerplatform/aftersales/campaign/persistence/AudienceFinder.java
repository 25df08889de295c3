package org.dealerplatform.aftersales.campaign.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.dealerplatform.aftersales.campaign.AudienceRule;
import org.dealerplatform.aftersales.campaign.Candidate;
import org.dealerplatform.aftersales.customer.application.CustomerReplica;
import org.dealerplatform.aftersales.vehicle.ServicedVehicle;
import org.dealerplatform.aftersales.vehicle.persistence.VehicleStore;
import org.dealerplatform.platform.security.BranchScope;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Finds a campaign's candidates (AFT-4): the owned vehicles of the campaign's branch that the rule's database-side
 * parts admit (category, mileage, purchase date), with their owners' class and consents ({@code consents.<CHANNEL>},
 * when the replica holds them) from the local customer replica. The domain rule then decides; this only keeps the
 * read small.
 */
@Component
public class AudienceFinder {

    static final int PAGE = 1_000;

    private final MongoTemplate mongo;

    public AudienceFinder(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<Candidate> candidates(String branchId, AudienceRule rule, LocalDate today) {
        List<Criteria> filters = new ArrayList<>();
        filters.add(Criteria.where(BranchScope.FIELD).is(branchId));
        filters.add(Criteria.where("customerId").ne(null));
        if (!rule.vehicleCategories().isEmpty()) {
            filters.add(Criteria.where("category").in(rule.vehicleCategories().stream().map(Enum::name).toList()));
        }
        if (rule.minMileageKm() != null) {
            filters.add(Criteria.where("lastKnownKm").gte(rule.minMileageKm()));
        }
        if (rule.maxVehicleAgeYears() != null) {
            filters.add(Criteria.where("purchaseDate").gt(today.minusYears(rule.maxVehicleAgeYears() + 1L)));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int skip = 0; ; skip += PAGE) {
            Query query = Query.query(new Criteria().andOperator(filters))
                    .with(Sort.by("customerId", "_id")).skip(skip).limit(PAGE);
            query.fields().exclude("pendingEvents").exclude("appliedMarks");
            List<ServicedVehicle> page = mongo.find(query, ServicedVehicle.class, VehicleStore.COLLECTION);
            Map<String, Document> owners = ownersOf(page.stream().map(ServicedVehicle::customerId).distinct().toList());
            for (ServicedVehicle v : page) {
                Document owner = owners.get(v.customerId());
                candidates.add(new Candidate(v.customerId(), v.vin(), owner == null ? null : owner.getString("customerClass"),
                        v.category(), v.purchaseDate(), v.lastKnownKm(), v.lastServiceDate(), consentsOf(owner)));
            }
            if (page.size() < PAGE) {
                return candidates;
            }
        }
    }

    private Map<String, Document> ownersOf(List<String> customerIds) {
        Map<String, Document> owners = new HashMap<>();
        if (customerIds.isEmpty()) {
            return owners;
        }
        Query query = Query.query(Criteria.where("_id").in(customerIds));
        query.fields().include("customerClass").include("consents");
        for (Document customer : mongo.find(query, Document.class, CustomerReplica.COLLECTION)) {
            owners.put(customer.get("_id").toString(), customer);
        }
        return owners;
    }

    /** The replica's {@code consents} sub-document as channel → consent, or null when it holds none. */
    static Map<String, Boolean> consentsOf(Document owner) {
        Object consents = owner == null ? null : owner.get("consents");
        if (!(consents instanceof Document channels)) {
            return null;
        }
        Map<String, Boolean> byChannel = new HashMap<>();
        channels.forEach((channel, consent) -> {
            if (consent instanceof Boolean given) {
                byChannel.put(channel, given);
            }
        });
        return byChannel;
    }
}
