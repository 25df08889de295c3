package org.dealerplatform.aftersales.kpi.persistence;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.bson.Document;
import org.dealerplatform.aftersales.AftersalesProperties;
import org.dealerplatform.aftersales.followup.persistence.FollowUpCallStore;
import org.dealerplatform.aftersales.kpi.BranchKpis;
import org.dealerplatform.aftersales.kpi.ReminderConversion;
import org.dealerplatform.aftersales.workorder.WorkOrder;
import org.dealerplatform.aftersales.workorder.persistence.WorkOrders;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.security.BranchScope;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Computes the KPIs of a branch and month (AFT-7) from the service's own records, so every figure is exact however
 * often an event was delivered: work orders (services, revenue), follow-up calls (satisfaction, open complaints) and
 * the reminders customers received (conversion).
 */
@Component
public class KpiQueries {

    public static final String REMINDERS = "remindersSent";

    private final MongoTemplate mongo;
    private final int conversionDays;
    private final ZoneId zone;

    public KpiQueries(MongoTemplate mongo, AftersalesProperties properties, BusinessCalendar calendar) {
        this.mongo = mongo;
        this.conversionDays = properties.kpi().conversionDays();
        this.zone = calendar.zone();
        mongo.indexOps(REMINDERS).createIndex(new Index().on(BranchScope.FIELD, Sort.Direction.ASC)
                .on("sentDate", Sort.Direction.ASC).named("branch_sent"));
    }

    /** The branches with any after-sales activity (HQ's overview). */
    public List<String> branches() {
        TreeSet<String> branches = new TreeSet<>();
        for (String collection : List.of(WorkOrders.COLLECTION, FollowUpCallStore.COLLECTION, REMINDERS)) {
            mongo.findDistinct(new Query(), BranchScope.FIELD, collection, String.class).stream()
                    .filter(Objects::nonNull).forEach(branches::add);
        }
        return new ArrayList<>(branches);
    }

    public BranchKpis of(String branchId, YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();

        List<WorkOrder> services = mongo.find(Query.query(Criteria.where(BranchScope.FIELD).is(branchId)
                .and("serviceDate").gte(first).lte(last)), WorkOrder.class, WorkOrders.COLLECTION);
        long parts = services.stream().mapToLong(WorkOrder::partsFen).sum();
        long labour = services.stream().mapToLong(WorkOrder::labourFen).sum();

        List<Document> reminders = mongo.find(Query.query(Criteria.where(BranchScope.FIELD).is(branchId)
                .and("sentDate").gte(first.toString()).lte(last.toString())), Document.class, REMINDERS);
        List<ReminderConversion.Reminder> sent = reminders.stream()
                .map(r -> new ReminderConversion.Reminder(r.getString("vin"), LocalDate.parse(r.getString("sentDate"))))
                .toList();
        Map<String, List<LocalDate>> serviceDates = new HashMap<>();
        if (!sent.isEmpty()) {
            List<String> vins = sent.stream().map(ReminderConversion.Reminder::vin).distinct().toList();
            Query later = Query.query(Criteria.where("vin").in(vins).and("serviceDate").gte(first)
                    .lte(last.plusDays(conversionDays)));
            for (WorkOrder w : mongo.find(later, WorkOrder.class, WorkOrders.COLLECTION)) {
                serviceDates.computeIfAbsent(w.vin(), v -> new ArrayList<>()).add(w.serviceDate());
            }
        }
        long converted = ReminderConversion.converted(sent, serviceDates, conversionDays);

        Date from = Date.from(first.atStartOfDay(zone).toInstant());
        Date until = Date.from(last.plusDays(1).atStartOfDay(zone).toInstant());
        Query scores = Query.query(Criteria.where(BranchScope.FIELD).is(branchId).and("status").is("COMPLETED")
                .and("completedAt").gte(from).lt(until));
        scores.fields().include("satisfaction");
        List<Document> calls = mongo.find(scores, Document.class, FollowUpCallStore.COLLECTION);
        Double average = ReminderConversion.average(
                calls.stream().mapToLong(d -> d.get("satisfaction", Number.class).longValue()).sum(), calls.size());
        long openComplaints = mongo.count(Query.query(Criteria.where(BranchScope.FIELD).is(branchId)
                .and("complaint.status").is("OPEN")), FollowUpCallStore.COLLECTION);

        return new BranchKpis(branchId, month.toString(), services.size(), parts + labour, parts, labour, sent.size(),
                converted, ReminderConversion.percent(converted, sent.size()), calls.size(), average, openComplaints);
    }
}
