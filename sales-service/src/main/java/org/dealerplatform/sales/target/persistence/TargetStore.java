package org.dealerplatform.sales.target.persistence;

import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.sales.organisation.Level;
import org.dealerplatform.sales.target.AnnualTarget;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Annual targets in collection {@code targets}, one document per year, level and unit. Branch and salesperson targets
 * carry the branch ({@code branchId}) so branch users see only theirs; group and region targets have none (HQ only).
 */
@Component
public class TargetStore {

    public static final String COLLECTION = "targets";

    private final MongoTemplate mongo;

    public TargetStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("year", Sort.Direction.ASC).on("level", Sort.Direction.ASC)
                .on(BranchScope.FIELD, Sort.Direction.ASC).named("year_level_branch"));
    }

    static String id(int year, Level level, String unitId) {
        return year + "|" + level + "|" + unitId;
    }

    public void save(AnnualTarget target) {
        Document d = new Document("_id", id(target.year(), target.level(), target.unitId())).append("year", target.year())
                .append("level", target.level().name()).append("unitId", target.unitId())
                .append(BranchScope.FIELD, target.branchId()).append("targetFen", target.targetFen())
                .append("taskFen", target.taskFen()).append("weights", target.weights())
                .append("monthlyTargetFen", target.monthlyTargetFen()).append("monthlyTaskFen", target.monthlyTaskFen());
        mongo.save(d, COLLECTION);
    }

    public Optional<AnnualTarget> find(int year, Level level, String unitId) {
        return Optional.ofNullable(mongo.findById(id(year, level, unitId), Document.class, COLLECTION)).map(TargetStore::target);
    }

    /** The target, or zeros when none is set. */
    public AnnualTarget findOrNone(int year, Level level, String unitId) {
        return find(year, level, unitId).orElseGet(() -> AnnualTarget.none(year, level, unitId));
    }

    public List<AnnualTarget> ofLevel(int year, Level level) {
        return mongo.find(Query.query(Criteria.where("year").is(year).and("level").is(level.name())).with(Sort.by("_id")),
                Document.class, COLLECTION).stream().map(TargetStore::target).toList();
    }

    /** Every target of a year the caller may see (branch users: their branch and its salespeople). */
    public List<AnnualTarget> visible(Caller caller, int year) {
        Criteria criteria = Criteria.where("year").is(year);
        return mongo.find(Query.query(BranchScope.of(caller, criteria)).with(Sort.by("_id")), Document.class, COLLECTION)
                .stream().map(TargetStore::target).toList();
    }

    private static AnnualTarget target(Document d) {
        return new AnnualTarget(d.getInteger("year"), Level.valueOf(d.getString("level")), d.getString("unitId"),
                d.getString(BranchScope.FIELD), d.get("targetFen", Number.class).longValue(),
                d.get("taskFen", Number.class).longValue(), d.getList("weights", Integer.class),
                d.getList("monthlyTargetFen", Number.class).stream().map(Number::longValue).toList(),
                d.getList("monthlyTaskFen", Number.class).stream().map(Number::longValue).toList());
    }
}
