package org.dealerplatform.notification.outbound.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;

import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.Notification;
import org.dealerplatform.notification.outbound.NotificationStatus;
import org.dealerplatform.notification.outbound.Purpose;
import org.dealerplatform.platform.security.BranchScope;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Staff lists and delivery statistics of notifications, always within what the caller may see (NOT-5, NOT-6). */
@Component
public class NotificationSearch {

    private final NotificationStore notifications;

    public NotificationSearch(NotificationStore notifications) {
        this.notifications = notifications;
    }

    /** Filters; every one is optional. */
    public record Filter(String customerId, NotificationStatus status, Channel channel) {
    }

    /** Counts per status and per channel of the notifications created in a period. */
    public record Counts(Map<NotificationStatus, Long> byStatus, Map<Channel, Long> byChannel) {

        public long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One page, newest first. */
    public PageResponse<Notification> search(Caller caller, Filter filter, int page, int size) {
        Criteria criteria = new Criteria();
        if (filter.customerId() != null) {
            criteria = criteria.and("customerId").is(filter.customerId());
        }
        if (filter.status() != null) {
            criteria = criteria.and("status").is(filter.status().name());
        }
        if (filter.channel() != null) {
            criteria = criteria.and("channel").is(filter.channel().name());
        }
        Query query = Query.query(BranchScope.of(caller, criteria));
        long total = notifications.count(query);
        query.with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id"))).skip((long) page * size).limit(size);
        return PageResponse.of(notifications.find(query), page, size, total);
    }

    /**
     * One page of the phone calls at the caller's branch: open (sent, waiting for an outcome) or done (an outcome
     * recorded), oldest first (NOT-1, NOT-2).
     */
    public PageResponse<Notification> calls(Caller caller, boolean open, Purpose purpose, int page, int size) {
        Criteria criteria = Criteria.where("channel").is(Channel.PHONE.name());
        criteria = open ? criteria.and("status").is(NotificationStatus.SENT.name())
                : criteria.and("callOutcome").ne(null);
        if (purpose != null) {
            criteria = criteria.and("purpose").is(purpose.name());
        }
        Query query = Query.query(BranchScope.of(caller, criteria));
        long total = notifications.count(query);
        query.with(Sort.by("sentAt", "_id")).skip((long) page * size).limit(size);
        return PageResponse.of(notifications.find(query), page, size, total);
    }

    /**
     * Counts of the notifications created in {@code [from, to)}, in the caller's branch (HQ: all, or {@code branchId}
     * when given).
     */
    public Counts countCreated(Caller caller, Instant from, Instant to, String branchId) {
        Criteria period = Criteria.where("createdAt").gte(Date.from(from)).lt(Date.from(to));
        if (branchId != null) {
            period = period.and(BranchScope.FIELD).is(branchId);
        }
        Criteria scoped = BranchScope.of(caller, period);
        Map<NotificationStatus, Long> byStatus = new EnumMap<>(NotificationStatus.class);
        for (NotificationStatus status : NotificationStatus.values()) {
            byStatus.put(status, notifications.count(Query.query(new Criteria().andOperator(scoped,
                    Criteria.where("status").is(status.name())))));
        }
        Map<Channel, Long> byChannel = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            byChannel.put(channel, notifications.count(Query.query(new Criteria().andOperator(scoped,
                    Criteria.where("channel").is(channel.name())))));
        }
        return new Counts(byStatus, byChannel);
    }
}
