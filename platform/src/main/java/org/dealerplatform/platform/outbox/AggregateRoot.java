package org.dealerplatform.platform.outbox;

import java.util.ArrayList;
import java.util.List;

import org.dealerplatform.platform.events.DomainEvent;
import org.dealerplatform.platform.idempotency.IdempotencyKey;
import org.dealerplatform.platform.idempotency.KeptRequest;
import org.dealerplatform.platform.idempotency.KeptRequests;

/**
 * The part every aggregate has in common: its id, its branch, the version it was loaded at and the events it recorded
 * since. Aggregates extend it, stay plain Java, and call {@link #record(DomainEvent)} for each thing that happened.
 *
 * <p>The fields are not final so that the persistence mapping can fill them whether an aggregate is rebuilt through a
 * full constructor or through a no-argument one.
 *
 * <p>It also keeps the {@code Idempotency-Key}s of the requests applied to it in the last 24 hours (REL-7), so that a
 * retried request is answered instead of applied twice, and the key is saved in the same single-document write as the
 * change it made.
 *
 * <p>Likewise it keeps the marks of the last {@value #APPLIED_MARKS_KEPT} events a consumer applied to it
 * ({@link #hasApplied}, {@link #markApplied}), so a redelivered event changes nothing; the domain class neither stores
 * nor trims them.
 */
public abstract class AggregateRoot implements Aggregate {

    protected String id;
    protected String branchId;
    protected long version;
    /** How many marks of applied events an aggregate keeps: the redelivery window of its consumers. */
    public static final int APPLIED_MARKS_KEPT = 20;

    private List<KeptRequest> idempotencyKeys;
    private List<String> appliedMarks;
    private final transient List<DomainEvent> recordedEvents = new ArrayList<>();

    protected AggregateRoot() {
    }

    protected AggregateRoot(String id, String branchId, long version) {
        this.id = id;
        this.branchId = branchId;
        this.version = version;
    }

    /** Records an event; the store commits it with the aggregate's state and the relay publishes it. */
    protected void record(DomainEvent event) {
        recordedEvents.add(event);
    }

    /**
     * REL-7: whether this very request (same caller, key and body) was already applied to this aggregate; then answer
     * it from the current state and change nothing. The same key with another request is refused with
     * {@link org.dealerplatform.platform.idempotency.IdempotencyKeyReusedException}. Without a key: false.
     */
    public boolean alreadyApplied(IdempotencyKey key) {
        return KeptRequests.applied(idempotencyKeys, key);
    }

    /** REL-7: keeps the key of the request being applied; the next save writes it together with the change. */
    public void rememberRequest(IdempotencyKey key) {
        idempotencyKeys = KeptRequests.with(idempotencyKeys, key);
    }

    /** Whether the effect named {@code mark} (e.g. {@code "sale:<id>"}) was applied to this aggregate already. */
    public boolean hasApplied(String mark) {
        return appliedMarks != null && appliedMarks.contains(mark);
    }

    /** Keeps {@code mark} (the latest {@value #APPLIED_MARKS_KEPT}); the next save writes it with the change. */
    public void markApplied(String mark) {
        if (appliedMarks == null) {
            appliedMarks = new ArrayList<>();
        }
        appliedMarks.add(mark);
        while (appliedMarks.size() > APPLIED_MARKS_KEPT) {
            appliedMarks.remove(0);
        }
    }

    /** The marks kept, oldest first. */
    public List<String> appliedMarks() {
        return appliedMarks == null ? List.of() : List.copyOf(appliedMarks);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String branchId() {
        return branchId;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public List<DomainEvent> recordedEvents() {
        return recordedEvents;
    }
}
