package org.dealerplatform.aftersales.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReminderConversionTest {

    @Test
    @DisplayName("AFT-7 a reminded customer converts when serviced from the reminder day up to 30 days after, not before, not later")
    void conversionWindow() {
        LocalDate sent = LocalDate.of(2026, 11, 1);
        List<ReminderConversion.Reminder> reminders = List.of(
                new ReminderConversion.Reminder("A", sent), new ReminderConversion.Reminder("B", sent),
                new ReminderConversion.Reminder("C", sent), new ReminderConversion.Reminder("D", sent),
                new ReminderConversion.Reminder("E", sent));
        Map<String, List<LocalDate>> services = Map.of(
                "A", List.of(sent),                 // same day: converted
                "B", List.of(sent.plusDays(30)),    // last day of the window: converted
                "C", List.of(sent.plusDays(31)),    // too late
                "D", List.of(sent.minusDays(1)));   // before the reminder
        assertThat(ReminderConversion.converted(reminders, services, 30)).isEqualTo(2);
        assertThat(ReminderConversion.percent(2, 5)).isEqualTo(40.0);
        assertThat(ReminderConversion.percent(1, 3)).isEqualTo(33.3);
        assertThat(ReminderConversion.percent(0, 0)).isNull();
    }
}
