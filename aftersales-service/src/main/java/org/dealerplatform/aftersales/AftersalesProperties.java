package org.dealerplatform.aftersales;

import java.util.Map;

import org.dealerplatform.aftersales.vehicle.MaintenancePlan;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the after-sales service, under {@code aftersales.*}. The business zone ("today") is the platform's
 * {@code dealer.business-zone}.
 *
 * @param reminders   AFT-3 reminder sweep
 * @param followUp    AFT-5 follow-up calls
 * @param maintenance AFT-2 plans per model overriding the category defaults
 * @param kpi         AFT-7 figures
 */
@ConfigurationProperties("aftersales")
public record AftersalesProperties(@DefaultValue Reminders reminders,
        @DefaultValue FollowUp followUp, @DefaultValue Maintenance maintenance, @DefaultValue Kpi kpi) {

    /**
     * @param leadDays  how many days before the due date {@code MaintenanceDue} is published
     * @param batchSize vehicles per sweep batch
     * @param cron      when the scheduled sweep runs (business zone)
     */
    public record Reminders(@DefaultValue("14") int leadDays, @DefaultValue("1000") int batchSize,
            @DefaultValue("0 0 6 * * *") String cron) {
    }

    /** @param dueWithinDays a follow-up call is due this many days after the service */
    public record FollowUp(@DefaultValue("3") int dueWithinDays) {
    }

    /** @param models maintenance plans of particular models, e.g. {@code "Passat 330TSI": {first-months: 6, ...}} */
    public record Maintenance(Map<String, MaintenancePlan> models) {
        public Maintenance {
            models = models == null ? Map.of() : models;
        }
    }

    /** @param conversionDays a reminded customer counts as converted when serviced within this many days */
    public record Kpi(@DefaultValue("30") int conversionDays) {
    }
}
