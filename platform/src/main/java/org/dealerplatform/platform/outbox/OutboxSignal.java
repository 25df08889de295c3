package org.dealerplatform.platform.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the relay the moment an aggregate with new events is committed, and tells it which document to look at, so
 * that publishing does not wait for a poll and does not scan the collection.
 */
public class OutboxSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Map<String, Set<Object>> hints = new LinkedHashMap<>();

    /** Called after a commit that added events to {@code collection}/{@code id}. */
    public void committed(String collection, Object id) {
        lock.lock();
        try {
            hints.computeIfAbsent(collection, c -> new LinkedHashSet<>()).add(id);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeoutMillis} for a commit and returns every hint gathered so far (possibly none). */
    Map<String, List<Object>> await(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            if (hints.isEmpty() && timeoutMillis > 0) {
                changed.await(timeoutMillis, TimeUnit.MILLISECONDS);
            }
            Map<String, List<Object>> taken = new LinkedHashMap<>();
            hints.forEach((collection, ids) -> taken.put(collection, new ArrayList<>(ids)));
            hints = new LinkedHashMap<>();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
