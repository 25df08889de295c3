package org.dealerplatform.platform.consumer;

import java.util.Set;

import org.dealerplatform.platform.domain.RuleViolation;
import org.dealerplatform.platform.events.RejectedEventException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * REL-1: why a consumer failed, which decides what happens to the record.
 * <ul>
 * <li>{@link #TRANSIENT}: a dependency is away (database unreachable or timing out, broker unavailable, not enough
 * replicas, a concurrent write): retried with back-off for as long as it takes, never dead-lettered;</li>
 * <li>{@link #PERMANENT}: the record can never be processed (unreadable, against the schema, refused by a rule, an
 * effect on another branch's record): dead-lettered at once;</li>
 * <li>{@link #UNKNOWN}: anything else (a bug): a few retries, then the dead-letter topic, where it waits for a fix and a
 * replay.</li>
 * </ul>
 */
public enum FailureKind {
    TRANSIENT, PERMANENT, UNKNOWN;

    /** Classes of the MongoDB driver and the Kafka client that mean "not now", named so this module needs neither at compile time. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of(
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoSocketOpenException",
            "com.mongodb.MongoSocketReadException",
            "com.mongodb.MongoSocketWriteException",
            "com.mongodb.MongoSocketReadTimeoutException",
            "com.mongodb.MongoSocketClosedException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoExecutionTimeoutException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            "com.mongodb.MongoConnectionPoolClearedException",
            "org.apache.kafka.common.errors.RetriableException");

    /** The kind of {@code failure}, judged from it and its causes; the first cause that decides wins. */
    public static FailureKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RejectedEventException || t instanceof RuleViolation) {
                return PERMANENT;
            }
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || isTransientByName(t.getClass())) {
                return TRANSIENT;
            }
        }
        return UNKNOWN;
    }

    private static boolean isTransientByName(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (TRANSIENT_CLASSES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
