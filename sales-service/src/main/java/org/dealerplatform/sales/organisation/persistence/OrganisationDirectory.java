package org.dealerplatform.sales.organisation.persistence;

import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.sales.organisation.Branch;
import org.dealerplatform.sales.organisation.DefaultBranches;
import org.dealerplatform.sales.organisation.Salesperson;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Branches (collection {@code branches}, group reference data) and salespeople (collection {@code salespeople}, branch
 * data). Seeds the default branches when the collection is empty.
 */
@Component
public class OrganisationDirectory {

    public static final String BRANCHES = "branches";
    public static final String SALESPEOPLE = "salespeople";

    private final MongoTemplate mongo;

    public OrganisationDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(SALESPEOPLE).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC).named("branch"));
        mongo.indexOps(BRANCHES).createIndex(new Index().on("regionId", Sort.Direction.ASC).named("region"));
        if (mongo.estimatedCount(BRANCHES) == 0) {
            DefaultBranches.ALL.forEach(this::saveBranch);
        }
    }

    public List<Branch> branches() {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, BRANCHES).stream().map(OrganisationDirectory::branch).toList();
    }

    public Optional<Branch> branch(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, BRANCHES)).map(OrganisationDirectory::branch);
    }

    public List<Branch> branchesOfRegion(String regionId) {
        return mongo.find(Query.query(Criteria.where("regionId").is(regionId)).with(Sort.by("_id")), Document.class, BRANCHES)
                .stream().map(OrganisationDirectory::branch).toList();
    }

    /** Adds or replaces a branch (HQ). */
    public void saveBranch(Branch branch) {
        mongo.upsert(Query.query(Criteria.where("_id").is(branch.id())), new Update()
                .set("name", branch.name()).set("regionId", branch.regionId()).set("regionName", branch.regionName()), BRANCHES);
    }

    public void saveSalesperson(Salesperson person) {
        mongo.upsert(Query.query(Criteria.where("_id").is(person.id())), new Update()
                .set("name", person.name()).set(BranchScope.FIELD, person.branchId()).set("active", person.active()), SALESPEOPLE);
    }

    public Optional<Salesperson> salesperson(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, SALESPEOPLE)).map(OrganisationDirectory::salesperson);
    }

    /** A salesperson only if the caller may see their branch. */
    public Optional<Salesperson> salesperson(Caller caller, String id) {
        // an _id lookup, then the branch: a {_id, branchId} filter would scan every salesperson on the embedded server
        return Optional.ofNullable(mongo.findById(id, Document.class, SALESPEOPLE)).map(OrganisationDirectory::salesperson)
                .filter(salesperson -> caller.canSee(salesperson.branchId()));
    }

    public List<Salesperson> salespeople(Caller caller, String branchId) {
        Criteria criteria = branchId == null ? new Criteria() : Criteria.where(BranchScope.FIELD).is(branchId);
        return mongo.find(Query.query(BranchScope.of(caller, criteria)).with(Sort.by("_id")), Document.class, SALESPEOPLE)
                .stream().map(OrganisationDirectory::salesperson).toList();
    }

    public List<Salesperson> salespeopleOf(String branchId) {
        return mongo.find(Query.query(Criteria.where(BranchScope.FIELD).is(branchId)).with(Sort.by("_id")), Document.class, SALESPEOPLE)
                .stream().map(OrganisationDirectory::salesperson).toList();
    }

    private static Branch branch(Document d) {
        return new Branch(d.getString("_id"), d.getString("name"), d.getString("regionId"), d.getString("regionName"));
    }

    private static Salesperson salesperson(Document d) {
        return new Salesperson(d.getString("_id"), d.getString("name"), d.getString(BranchScope.FIELD),
                !Boolean.FALSE.equals(d.getBoolean("active")));
    }
}
