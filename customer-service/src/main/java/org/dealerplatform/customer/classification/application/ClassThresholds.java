package org.dealerplatform.customer.classification.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.dealerplatform.customer.classification.ClassificationRules;
import org.dealerplatform.customer.classification.ClassificationSettings;
import org.dealerplatform.customer.classification.RuleVersion;
import org.dealerplatform.customer.classification.ThresholdOrder;
import org.dealerplatform.customer.classification.persistence.ClassThresholdStore;
import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.domain.RuleViolation;
import org.springframework.stereotype.Service;

/**
 * The group's class thresholds (CUS-3, UI-3): the configured rule versions until HQ enters thresholds, then HQ's.
 * Each entry is a new rule version effective from the day it is entered (CUS-10: rule changes are effective-dated),
 * so sales arriving from then on are classified by it at once, and the daily pass re-evaluates everyone else by it.
 * Configured versions dated on or after HQ's first entry are superseded by the entries. The rules are read from the
 * store on each evaluation (one {@code _id} lookup), so every instance applies an entry as soon as it is stored.
 */
@Service
public class ClassThresholds {

    /** Where the thresholds in force come from. */
    public enum Source {
        CONFIGURED, ENTERED
    }

    /** The thresholds in force today and the version an entry must name (0: none entered yet). */
    public record InForce(long version, Source source, RuleVersion rule, String enteredBy, Instant enteredAt) {
    }

    private final ClassThresholdStore store;
    private final ClassificationRules configured;
    private final BusinessCalendar calendar;

    public ClassThresholds(ClassThresholdStore store, ClassificationSettings settings, BusinessCalendar calendar) {
        this.store = store;
        this.configured = settings.toRules();
        this.calendar = calendar;
    }

    /** Every rule version that classification uses: the configured ones before HQ's first entry, then the entered ones. */
    public ClassificationRules rules() {
        return store.read().map(entered -> {
            LocalDate firstEntry = entered.entries().get(0).rule().effectiveFrom();
            List<RuleVersion> versions = new ArrayList<>(configured.versions().stream()
                    .filter(v -> v.effectiveFrom().isBefore(firstEntry)).toList());
            entered.entries().forEach(e -> versions.add(e.rule()));
            return new ClassificationRules(versions);
        }).orElse(configured);
    }

    public InForce inForce() {
        LocalDate today = calendar.today();
        return store.read().map(entered -> {
            RuleVersion rule = rules().inForceOn(today);
            ClassThresholdStore.Entry entry = entered.entries().stream().filter(e -> e.rule().equals(rule))
                    .reduce((a, b) -> b).orElse(null);
            return entry == null ? new InForce(entered.version(), Source.CONFIGURED, rule, null, null)
                    : new InForce(entered.version(), Source.ENTERED, rule, entry.enteredBy(), entry.enteredAt());
        }).orElseGet(() -> new InForce(0, Source.CONFIGURED, configured.inForceOn(today), null, null));
    }

    /**
     * HQ enters new thresholds, based on the version it read ({@code expectedVersion}); refused with the field at fault
     * when they do not order the classes (422), and when somebody entered thresholds since that reading (409).
     */
    public InForce enter(long expectedVersion, RuleVersion.Threshold vip, RuleVersion.Threshold firstClass,
            RuleVersion.Threshold secondClass, String enteredBy) {
        ThresholdOrder.problemWith(vip, firstClass, secondClass).ifPresent(problem -> {
            throw new RuleViolation(problem.field(), problem.message());
        });
        LocalDate today = calendar.today();
        RuleVersion rule = new RuleVersion("hq-" + today + "-v" + (expectedVersion + 1), today, vip, firstClass, secondClass);
        store.append(expectedVersion, new ClassThresholdStore.Entry(rule, enteredBy, calendar.now()));
        return inForce();
    }
}
