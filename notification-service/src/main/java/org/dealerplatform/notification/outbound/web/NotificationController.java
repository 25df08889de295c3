package org.dealerplatform.notification.outbound.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.dealerplatform.notification.NotificationProperties;
import org.dealerplatform.notification.outbound.Channel;
import org.dealerplatform.notification.outbound.NotificationStatus;
import org.dealerplatform.notification.outbound.persistence.NotificationSearch;
import org.dealerplatform.notification.outbound.persistence.NotificationStore;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.security.Caller;
import org.dealerplatform.platform.web.NotFoundException;
import org.dealerplatform.platform.web.PageResponse;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff views of notifications, always within the caller's branch (HQ: all branches). */
@RestController
@RequestMapping("/api/notifications")
@Validated
@Tag(name = "Notifications", description = "Contact history of a customer and delivery statistics (NOT-5, NOT-6)")
public class NotificationController {

    private final NotificationStore notifications;
    private final NotificationSearch search;
    private final Clock clock;
    private final ZoneId zone;

    public NotificationController(NotificationStore notifications, NotificationSearch search, Clock clock,
            NotificationProperties properties) {
        this.notifications = notifications;
        this.search = search;
        this.clock = clock;
        this.zone = properties.policy().settings().defaultZone();
    }

    @GetMapping
    @Operation(summary = "Notifications of a customer (or of the branch), newest first, paged")
    public PageResponse<NotificationView> list(
            @RequestParam(required = false) @Size(max = 64) String customerId,
            @RequestParam(required = false) NotificationStatus status,
            @RequestParam(required = false) Channel channel,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        return search.search(caller, new NotificationSearch.Filter(customerId, status, channel), page, size)
                .map(NotificationView::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One notification by its reason key; another branch's answers 404")
    public NotificationView get(@PathVariable String id, Caller caller) {
        return notifications.findVisible(id, caller).map(NotificationView::of)
                .orElseThrow(() -> new NotFoundException("notification", id));
    }

    /** Counts per status and per channel of the notifications created in a period. */
    public record DeliveryStatistics(LocalDate from, LocalDate to, long total, Map<NotificationStatus, Long> byStatus,
            Map<Channel, Long> byChannel) {
    }

    @GetMapping("/statistics")
    @Operation(summary = "Delivery statistics of the caller's branch (HQ: all or one branch) for a period of creation dates")
    public DeliveryStatistics statistics(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) @Size(max = 20) String branchId,
            Caller caller) {
        LocalDate end = to == null ? LocalDate.now(clock.withZone(zone)) : to;
        LocalDate start = from == null ? end.minusDays(30) : from;
        if (start.isAfter(end)) {
            throw new RuleViolation("from", "must not be after to");
        }
        NotificationSearch.Counts counts = search.countCreated(caller, start.atStartOfDay(zone).toInstant(),
                end.plusDays(1).atStartOfDay(zone).toInstant(), branchId);
        return new DeliveryStatistics(start, end, counts.total(), counts.byStatus(), counts.byChannel());
    }
}
