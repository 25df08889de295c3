package org.dealerplatform.platform.web;

/** The record does not exist, or the caller may not know that it exists (answered the same way: 404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " was not found");
    }
}
