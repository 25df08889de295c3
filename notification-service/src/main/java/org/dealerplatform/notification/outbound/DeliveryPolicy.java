package org.dealerplatform.notification.outbound;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.dealerplatform.notification.contact.ContactProfile;

/**
 * Decides whether, when and on which channel a notification may go out (NOT-3): consent and opt-out per channel,
 * channel choice from the customer's preferences with fallback, a frequency cap per customer across channels, and
 * quiet hours in the customer's time zone. Pure: the caller passes the time and the customer's recent sends.
 */
public final class DeliveryPolicy {

    private final PolicySettings settings;

    public DeliveryPolicy(PolicySettings settings) {
        this.settings = settings;
    }

    public PolicySettings settings() {
        return settings;
    }

    /**
     * @param notification the queued notification
     * @param contact      the customer's contact profile, {@code null} if the replica does not know them (yet)
     * @param recentSends  when this customer was last sent anything (any channel) within the cap window
     * @param now          the current time
     */
    public Decision decide(Notification notification, ContactProfile contact, List<Instant> recentSends, Instant now) {
        return decide(notification, contact, recentSends, null, now);
    }

    /**
     * As {@link #decide(Notification, ContactProfile, List, Instant)}, knowing who owns the notification's vehicle now
     * ({@code null}: unknown or no vehicle): a reminder about a vehicle that changed hands is not sent to the former
     * owner (CUS-9).
     */
    public Decision decide(Notification notification, ContactProfile contact, List<Instant> recentSends,
            String currentVehicleOwner, Instant now) {
        if (currentVehicleOwner != null && !currentVehicleOwner.equals(notification.customerId())
                && (contact == null || !currentVehicleOwner.equals(contact.customerId()))) {
            return new Decision.Suppress("vehicle " + notification.facts().get("vin") + " now belongs to another customer");
        }
        Instant giveUpAt = notification.createdAt().plus(settings.maxDeferral());
        if (contact == null) {
            return now.isBefore(giveUpAt)
                    ? new Decision.Defer(now.plus(settings.unknownContactRetry()), "customer's contact details not yet known")
                    : new Decision.Suppress("customer's contact details never became known");
        }
        List<Channel> usable = usableChannels(notification, contact);
        if (usable.isEmpty() && !notification.excludedChannels().isEmpty()) {
            return new Decision.Fail("every usable channel failed: " + notification.reason());
        }
        if (usable.isEmpty()) {
            return new Decision.Suppress("no channel with consent and contact details for " + notification.purpose()
                    + " (consents " + contact.consents() + ")");
        }
        Channel channel = usable.get(0);

        Instant capFreeAt = capFreeAt(recentSends, now);
        if (capFreeAt != null) {
            return capFreeAt.isAfter(giveUpAt)
                    ? new Decision.Suppress("frequency cap of " + settings.capMax() + " per " + settings.capWindow().toDays() + " days reached")
                    : new Decision.Defer(capFreeAt, "frequency cap of " + settings.capMax() + " per "
                            + settings.capWindow().toDays() + " days reached");
        }
        ZoneId zone = contact.zone() == null ? settings.defaultZone() : contact.zone();
        if (settings.quietChannels().contains(channel) && isQuiet(now, zone)) {
            return new Decision.Defer(endOfQuietHours(now, zone), "quiet hours in " + zone);
        }
        return new Decision.Send(channel);
    }

    /** Channels in order of preference: the customer's preferred ones first, then the purpose's default order. */
    public List<Channel> usableChannels(Notification notification, ContactProfile contact) {
        Set<Channel> order = new LinkedHashSet<>();
        for (Channel preferred : contact.preferredChannels()) {
            if (notification.purpose().channels().contains(preferred)) {
                order.add(preferred);
            }
        }
        order.addAll(notification.purpose().channels());
        List<Channel> usable = new ArrayList<>();
        for (Channel channel : order) {
            if (!notification.excludedChannels().contains(channel) && contact.consentsTo(channel)
                    && contact.addressFor(channel) != null) {
                usable.add(channel);
            }
        }
        return usable;
    }

    /** When the cap frees a slot, or {@code null} if there is one now. */
    Instant capFreeAt(List<Instant> recentSends, Instant now) {
        Instant windowStart = now.minus(settings.capWindow());
        List<Instant> inWindow = recentSends.stream().filter(t -> t.isAfter(windowStart)).sorted().toList();
        if (inWindow.size() < settings.capMax()) {
            return null;
        }
        // the slot frees up when the send that keeps the count at the cap leaves the window
        return inWindow.get(inWindow.size() - settings.capMax()).plus(settings.capWindow());
    }

    /** True if {@code now} falls in the quiet hours in {@code zone}. */
    public boolean isQuiet(Instant now, ZoneId zone) {
        LocalTime start = settings.quietStart();
        LocalTime end = settings.quietEnd();
        if (start.equals(end)) {
            return false;
        }
        LocalTime local = now.atZone(zone).toLocalTime();
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /** The next end of the quiet hours after {@code now} (only meaningful while quiet). */
    public Instant endOfQuietHours(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (!local.toLocalTime().isBefore(settings.quietEnd())) {
            day = day.plusDays(1);
        }
        return ZonedDateTime.of(day, settings.quietEnd(), zone).toInstant();
    }
}
