package org.dealerplatform.aftersales.vehicle;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Computes the next maintenance due (AFT-2): whichever comes first of the time rule and the km rule, the km side
 * projected from the vehicle's own odometer history.
 *
 * <p>The km per day come from the observations of the last {@value #RATE_WINDOW_DAYS} days (older driving habits say
 * less about the next months), falling back to the last observation before that window when the window has only one.
 */
public final class MaintenanceSchedule {

    static final int RATE_WINDOW_DAYS = 365;

    private MaintenanceSchedule() {
    }

    /**
     * @param plan         the effective plan of the vehicle
     * @param purchaseDate when the vehicle was bought (0 km then), or null when unknown
     * @param lastService  date and odometer of the last service, or null before the first one
     * @param readings     every odometer observation known (services and mileage readings), any order
     * @return the next due, or null when nothing dates the vehicle yet (no purchase date, no service, no reading)
     */
    public static NextDue nextDue(MaintenancePlan plan, LocalDate purchaseDate, OdometerReading lastService,
            List<OdometerReading> readings) {
        LocalDate baseDate;
        long baseKm;
        int months;
        long km;
        if (lastService != null) {
            baseDate = lastService.date();
            baseKm = lastService.km();
            months = plan.regularMonths();
            km = plan.regularKm();
        } else if (purchaseDate != null) {
            baseDate = purchaseDate;
            baseKm = 0;
            months = plan.firstMonths();
            km = plan.firstKm();
        } else {
            return null;
        }
        LocalDate timeDue = baseDate.plusMonths(months);
        long kmDue = baseKm + km;
        LocalDate kmDate = projectKmDate(kmDue, purchaseDate, readings, baseDate);
        if (kmDate != null && kmDate.isBefore(timeDue)) {
            return new NextDue(kmDate, kmDue, NextDue.Rule.DISTANCE, kmDate);
        }
        return new NextDue(timeDue, kmDue, NextDue.Rule.TIME, kmDate);
    }

    /** Km per day of the vehicle, or 0 when the history does not tell (fewer than two observations on different days). */
    public static double kmPerDay(LocalDate purchaseDate, List<OdometerReading> readings) {
        List<OdometerReading> history = history(purchaseDate, readings);
        if (history.size() < 2) {
            return 0;
        }
        OdometerReading latest = history.get(history.size() - 1);
        LocalDate windowStart = latest.date().minusDays(RATE_WINDOW_DAYS);
        OdometerReading from = null;
        for (OdometerReading reading : history) {
            if (!reading.date().isBefore(windowStart)) {
                from = reading;
                break;
            }
        }
        if (from == null || from.equals(latest) || !from.date().isBefore(latest.date())) {
            // only the latest lies inside the window: take the last observation before it
            from = null;
            for (OdometerReading reading : history) {
                if (reading.date().isBefore(latest.date())) {
                    from = reading;
                }
            }
        }
        if (from == null) {
            return 0;
        }
        long days = ChronoUnit.DAYS.between(from.date(), latest.date());
        return days <= 0 ? 0 : Math.max(0, (double) (latest.km() - from.km()) / days);
    }

    private static LocalDate projectKmDate(long kmDue, LocalDate purchaseDate, List<OdometerReading> readings,
            LocalDate notBefore) {
        double rate = kmPerDay(purchaseDate, readings);
        if (rate <= 0) {
            return null;
        }
        List<OdometerReading> history = history(purchaseDate, readings);
        OdometerReading latest = history.get(history.size() - 1);
        LocalDate date;
        if (latest.km() >= kmDue) {
            // already past the km: due on the day it was (about) reached
            date = latest.date().minusDays((long) Math.floor((latest.km() - kmDue) / rate));
        } else {
            date = latest.date().plusDays((long) Math.ceil((kmDue - latest.km()) / rate));
        }
        return date.isBefore(notBefore) ? notBefore : date;
    }

    private static List<OdometerReading> history(LocalDate purchaseDate, List<OdometerReading> readings) {
        List<OdometerReading> history = new ArrayList<>(readings == null ? List.of() : readings);
        if (purchaseDate != null) {
            history.add(new OdometerReading(purchaseDate, 0));
        }
        history.sort(Comparator.comparing(OdometerReading::date).thenComparingLong(OdometerReading::km));
        return history;
    }
}
