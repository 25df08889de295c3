package org.dealerplatform.platform.outbox;

import org.springframework.dao.OptimisticLockingFailureException;

/** Somebody else saved the aggregate since it was loaded: reload and retry. */
public class ConcurrentModificationException extends OptimisticLockingFailureException {

    public ConcurrentModificationException(String collection, String id, long expectedVersion) {
        super(collection + " " + id + " was changed by someone else (expected version " + expectedVersion
                + "); reload it and try again");
    }
}
