package org.dealerplatform.platform.events;

/** An incoming record that can never be processed (no envelope, unreadable payload): it goes to the dead letters at once. */
public class MalformedEventException extends RejectedEventException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
