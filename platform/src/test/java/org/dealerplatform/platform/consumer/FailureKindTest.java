package org.dealerplatform.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.events.ForeignBranchEffectException;
import org.dealerplatform.platform.events.MalformedEventException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class FailureKindTest {

    @Test
    @DisplayName("REL-1 a database or broker that is away is transient, also wrapped by the listener container")
    void dependencyOutagesAreTransient() {
        assertThat(FailureKind.of(new MongoTimeoutException("no server"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new MongoSocketOpenException("refused", new ServerAddress()))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new DataAccessResourceFailureException("down"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new OptimisticLockingFailureException("concurrent save"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new NotEnoughReplicasException("isr"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new ListenerExecutionFailedException("listener failed",
                new BatchListenerFailedException("in batch", new MongoTimeoutException("no server"), 3))))
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    @DisplayName("REL-1 an unreadable event, a rule's refusal and a foreign-branch effect are permanent")
    void refusalsArePermanent() {
        assertThat(FailureKind.of(new MalformedEventException("not a cloud event", null))).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new RuleViolation("vin", "unknown vehicle"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(FailureKind.of(new ListenerExecutionFailedException("listener failed",
                new ForeignBranchEffectException("other branch")))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    @DisplayName("REL-1 anything else is of unknown kind: a few retries, then the dead letters")
    void bugsAreUnknown() {
        assertThat(FailureKind.of(new NullPointerException())).isEqualTo(FailureKind.UNKNOWN);
        assertThat(FailureKind.of(new DuplicateKeyException("dup"))).isEqualTo(FailureKind.UNKNOWN);
    }
}
