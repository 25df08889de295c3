package org.dealerplatform.platform.events;

/**
 * An event that can never be processed, however often it is retried: unreadable, against the schema, or refused by a
 * rule for good. It goes to the consumer group's dead-letter topic at once, without back-off (REL-1: only permanent
 * errors reach a dead-letter topic; transient ones are retried until the dependency is back).
 */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
