package org.dealerplatform.customer.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a customer may be contacted (CUS-5): consent per channel with the time each last changed, the channels they
 * prefer and their language. One value part of the customer file; every change returns a new part, or empty when
 * nothing changed (then no {@code ContactPreferencesChanged} is published).
 *
 * <p>Consent and its change time go together: an opt-out received before the last change of that channel (a
 * redelivered reply after staff re-granted consent) changes nothing (NOT-7). Keys of {@code consents} and
 * {@code consentChangedAt} are {@link Channel} names, as stored in the file's document (fields {@code consents},
 * {@code consentChangedAt}, {@code preferredChannels}, {@code preferredLanguage}, flat beside the file's other fields).
 */
public record ContactPreferences(String preferredLanguage, Map<String, Boolean> consents,
        List<Channel> preferredChannels, Map<String, Instant> consentChangedAt) {

    /** The language of a file that names none. */
    public static final String DEFAULT_LANGUAGE = "zh-CN";

    public ContactPreferences {
        preferredLanguage = preferredLanguage == null ? DEFAULT_LANGUAGE : preferredLanguage;
        consents = Collections.unmodifiableMap(consents == null ? new LinkedHashMap<>() : new LinkedHashMap<>(consents));
        preferredChannels = List.copyOf(preferredChannels == null ? List.of() : preferredChannels);
        consentChangedAt = Collections.unmodifiableMap(
                consentChangedAt == null ? new LinkedHashMap<>() : new LinkedHashMap<>(consentChangedAt));
    }

    /**
     * The consent collected on the registration form (README, CUS-5): every channel the customer gave details for; SMS
     * and phone are preferred when there is a mobile number.
     */
    public static ContactPreferences atRegistration(String language, Set<Channel> withDetails) {
        Map<String, Boolean> consents = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            consents.put(channel.name(), withDetails.contains(channel));
        }
        List<Channel> preferred = withDetails.contains(Channel.SMS) ? List.of(Channel.SMS, Channel.PHONE) : List.of();
        return new ContactPreferences(language, consents, preferred, Map.of());
    }

    /**
     * Sets consent per channel (channels not named keep theirs), the preferred channels and the language; null leaves
     * that part as it is. Empty when nothing changed.
     */
    public Optional<ContactPreferences> change(Map<Channel, Boolean> consentChanges, List<Channel> preferred,
            String language, Instant now) {
        boolean changed = false;
        Map<String, Boolean> nextConsents = new LinkedHashMap<>(consents);
        Map<String, Instant> nextChangedAt = new LinkedHashMap<>(consentChangedAt);
        if (consentChanges != null) {
            for (Map.Entry<Channel, Boolean> e : consentChanges.entrySet()) {
                if (e.getValue() != null && !e.getValue().equals(nextConsents.get(e.getKey().name()))) {
                    nextConsents.put(e.getKey().name(), e.getValue());
                    nextChangedAt.put(e.getKey().name(), now);
                    changed = true;
                }
            }
        }
        List<Channel> nextPreferred = preferredChannels;
        if (preferred != null && !preferred.equals(preferredChannels)) {
            nextPreferred = preferred.stream().distinct().toList();
            changed = true;
        }
        String nextLanguage = preferredLanguage;
        if (language != null && !language.equals(preferredLanguage)) {
            nextLanguage = language;
            changed = true;
        }
        return changed ? Optional.of(new ContactPreferences(nextLanguage, nextConsents, nextPreferred, nextChangedAt))
                : Optional.empty();
    }

    /**
     * Consent for {@code channel} revoked by an opt-out received at {@code receivedAt} (CUS-5, NOT-7); empty when the
     * channel had no consent, or the opt-out is older than its last change.
     */
    public Optional<ContactPreferences> optOut(Channel channel, Instant receivedAt, Instant now) {
        Instant lastChange = consentChangedAt.get(channel.name());
        if (Boolean.FALSE.equals(consents.get(channel.name()))
                || (lastChange != null && receivedAt != null && receivedAt.isBefore(lastChange))) {
            return Optional.empty();
        }
        Map<String, Boolean> nextConsents = new LinkedHashMap<>(consents);
        Map<String, Instant> nextChangedAt = new LinkedHashMap<>(consentChangedAt);
        nextConsents.put(channel.name(), false);
        nextChangedAt.put(channel.name(), receivedAt == null ? now : receivedAt);
        List<Channel> nextPreferred = new ArrayList<>(preferredChannels);
        nextPreferred.remove(channel);
        return Optional.of(new ContactPreferences(preferredLanguage, nextConsents, nextPreferred, nextChangedAt));
    }

    /** No consent on any channel and no preferred channel (SEC-9 erasure); the language stays. */
    public ContactPreferences withoutAnyConsent(Instant now) {
        Map<String, Boolean> nextConsents = new LinkedHashMap<>(consents);
        Map<String, Instant> nextChangedAt = new LinkedHashMap<>(consentChangedAt);
        for (Channel channel : Channel.values()) {
            if (Boolean.TRUE.equals(consents.get(channel.name()))) {
                nextConsents.put(channel.name(), false);
                nextChangedAt.put(channel.name(), now);
            }
        }
        return new ContactPreferences(preferredLanguage, nextConsents, List.of(), nextChangedAt);
    }

    /** The same consent with another language (file details); null keeps the current one. */
    public ContactPreferences withLanguage(String language) {
        return language == null ? this
                : new ContactPreferences(language, consents, preferredChannels, consentChangedAt);
    }

    /** Consent of every channel, false where none was ever given (what {@code ContactPreferencesChanged} carries). */
    public Map<String, Boolean> consentPerChannel() {
        Map<String, Boolean> all = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            all.put(channel.name(), Boolean.TRUE.equals(consents.get(channel.name())));
        }
        return all;
    }

    /** Channels the customer currently consents to. */
    public Set<Channel> consentedChannels() {
        Set<Channel> set = EnumSet.noneOf(Channel.class);
        consents.forEach((k, v) -> {
            if (Boolean.TRUE.equals(v)) {
                set.add(Channel.valueOf(k));
            }
        });
        return set;
    }
}
