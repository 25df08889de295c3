package org.dealerplatform.local;

/** Why the local platform could not start, worded for the developer who has to fix it (no stack trace needed). */
public class LaunchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
