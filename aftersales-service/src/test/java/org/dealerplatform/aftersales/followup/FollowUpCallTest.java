package org.dealerplatform.aftersales.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.dealerplatform.platform.BusinessCalendar;
import org.dealerplatform.platform.domain.RuleViolation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FollowUpCallTest {

    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    static final BusinessCalendar CALENDAR = new BusinessCalendar(Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));

    static FollowUpCall scheduled() {
        FollowUpCall call = FollowUpCall.schedule("wo-1", "1HGCM82633A004352", "cust-1", "JS-NJ-01",
                LocalDate.of(2026, 11, 20), 3);
        call.recordedEvents().clear();
        return call;
    }

    @Test
    @DisplayName("AFT-5 after a service a call is due within the configured days, one call per work order")
    void scheduledAfterService() {
        FollowUpCall call = FollowUpCall.schedule("wo-1", "1HGCM82633A004352", "cust-1", "JS-NJ-01",
                LocalDate.of(2026, 11, 20), 3);
        assertThat(call.id()).isEqualTo("call-wo-1");
        assertThat(call.dueDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(call.recordedEvents()).singleElement().isInstanceOf(FollowUpEvents.FollowUpCallDue.class);
    }

    @ParameterizedTest(name = "satisfaction {0} raises a complaint")
    @ValueSource(ints = {1, 2})
    @DisplayName("AFT-5 a score of 2 or less raises a complaint for the branch manager")
    void lowScoreRaisesComplaint(int score) {
        FollowUpCall call = scheduled();
        call.complete(score, "daily commute", null, "waited two hours", "advisor-1", NOW);
        assertThat(call.complaint().status()).isEqualTo(Complaint.Status.OPEN);
        assertThat(call.recordedEvents()).hasSize(2);
        assertThat(call.recordedEvents().get(1)).isInstanceOfSatisfying(FollowUpEvents.ComplaintRaised.class,
                e -> assertThat(e.satisfaction()).isEqualTo(score));
    }

    @ParameterizedTest(name = "satisfaction {0} raises no complaint")
    @ValueSource(ints = {3, 4, 5})
    @DisplayName("AFT-5 a score of 3 or more completes the call without a complaint")
    void goodScoreNoComplaint(int score) {
        FollowUpCall call = scheduled();
        call.complete(score, null, "tyre change", null, "advisor-1", NOW);
        assertThat(call.complaint()).isNull();
        assertThat(call.recordedEvents()).singleElement().isInstanceOf(FollowUpEvents.FollowUpCompleted.class);
    }

    @Test
    @DisplayName("AFT-5 a call is recorded once; a score outside 1–5 is refused; a complaint is closed once")
    void rules() {
        FollowUpCall call = scheduled();
        assertThatThrownBy(() -> call.complete(6, null, null, null, "a", NOW)).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> call.closeComplaint("x", "m", NOW)).isInstanceOf(RuleViolation.class);
        call.complete(1, null, null, "rude", "a", NOW);
        assertThatThrownBy(() -> call.complete(5, null, null, null, "a", NOW)).isInstanceOf(RuleViolation.class);
        call.closeComplaint("apologised", "manager", NOW);
        assertThat(call.complaint().status()).isEqualTo(Complaint.Status.CLOSED);
        assertThatThrownBy(() -> call.closeComplaint("again", "m", NOW)).isInstanceOf(RuleViolation.class);
    }

    @ParameterizedTest(name = "satisfaction {0} with complaint text raises a complaint")
    @ValueSource(ints = {3, 4, 5})
    @DisplayName("AFT-5 complaint text raises a complaint whatever the score; blank text does not")
    void complaintTextRaisesComplaint(int score) {
        FollowUpCall call = scheduled();
        call.complete(score, null, null, "the car came back dirty", "advisor-1", NOW);
        assertThat(call.complaint()).isNotNull();
        assertThat(call.complaint().text()).isEqualTo("the car came back dirty");
        assertThat(call.recordedEvents()).last().isInstanceOfSatisfying(FollowUpEvents.ComplaintRaised.class,
                e -> assertThat(e.satisfaction()).isEqualTo(score));

        FollowUpCall blank = scheduled();
        blank.complete(score, null, null, "  ", "advisor-1", NOW);
        assertThat(blank.complaint()).isNull();
    }

    static void notReachedOn(FollowUpCall call, LocalDate day) {
        call.notReached(day, CALENDAR.nextBusinessDay(day), "advisor-1", NOW);
    }

    @Test
    @DisplayName("AFT-5 a customer not reached is tried again on the next business day; the third attempt closes the call as NOT_REACHED")
    void notReachedThreeTimes() {
        FollowUpCall call = scheduled();
        LocalDate friday = LocalDate.of(2026, 11, 27);
        notReachedOn(call, friday);
        assertThat(call.status()).isEqualTo(FollowUpCall.Status.OPEN);
        assertThat(call.notReachedAttempts()).isEqualTo(1);
        assertThat(call.dueDate()).isEqualTo(LocalDate.of(2026, 11, 30)); // Monday, not Saturday

        notReachedOn(call, LocalDate.of(2026, 11, 30));
        assertThat(call.status()).isEqualTo(FollowUpCall.Status.OPEN);
        assertThat(call.dueDate()).isEqualTo(LocalDate.of(2026, 12, 1));

        notReachedOn(call, LocalDate.of(2026, 12, 1));
        assertThat(call.status()).isEqualTo(FollowUpCall.Status.NOT_REACHED);
        assertThat(call.notReachedAttempts()).isEqualTo(3);
        assertThat(call.completedAt()).isEqualTo(NOW);
        assertThat(call.complaint()).isNull();
        assertThat(call.recordedEvents()).isEmpty();

        assertThatThrownBy(() -> notReachedOn(call, LocalDate.of(2026, 12, 2))).isInstanceOf(RuleViolation.class)
                .hasMessageContaining("3 attempts");
        assertThatThrownBy(() -> call.complete(4, null, null, null, "a", NOW)).isInstanceOf(RuleViolation.class);
    }

    @Test
    @DisplayName("AFT-5 a customer reached on the second attempt completes the call; a completed call takes no further attempt")
    void reachedOnSecondAttempt() {
        FollowUpCall call = scheduled();
        notReachedOn(call, LocalDate.of(2026, 11, 23));
        call.complete(5, "weekend trips", null, null, "advisor-1", NOW);
        assertThat(call.status()).isEqualTo(FollowUpCall.Status.COMPLETED);
        assertThat(call.notReachedAttempts()).isEqualTo(1);
        assertThatThrownBy(() -> notReachedOn(call, LocalDate.of(2026, 11, 24))).isInstanceOf(RuleViolation.class);
    }
}
