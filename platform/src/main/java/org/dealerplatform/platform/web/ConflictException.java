package org.dealerplatform.platform.web;

/** The request clashes with existing data, e.g. a duplicate mobile number; {@code existing} points at what it clashes with. */
public class ConflictException extends RuntimeException {

    private final String existing;

    public ConflictException(String message, String existing) {
        super(message);
        this.existing = existing;
    }

    public String existing() {
        return existing;
    }
}
