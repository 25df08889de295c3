package org.dealerplatform.aftersales.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.dealerplatform.aftersales.DomainRuleViolation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FollowUpCallTest {

    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

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
        assertThatThrownBy(() -> call.complete(6, null, null, null, "a", NOW)).isInstanceOf(DomainRuleViolation.class);
        assertThatThrownBy(() -> call.closeComplaint("x", "m", NOW)).isInstanceOf(DomainRuleViolation.class);
        call.complete(1, null, null, "rude", "a", NOW);
        assertThatThrownBy(() -> call.complete(5, null, null, null, "a", NOW)).isInstanceOf(DomainRuleViolation.class);
        call.closeComplaint("apologised", "manager", NOW);
        assertThat(call.complaint().status()).isEqualTo(Complaint.Status.CLOSED);
        assertThatThrownBy(() -> call.closeComplaint("again", "m", NOW)).isInstanceOf(DomainRuleViolation.class);
    }
}
