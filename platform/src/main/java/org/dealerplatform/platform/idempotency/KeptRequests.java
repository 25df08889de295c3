package org.dealerplatform.platform.idempotency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The keyed requests an aggregate remembers: every one of the last {@link IdempotencyKey#RETENTION}, and of those at
 * most {@value #MAX_KEPT} (the newest), so that a document stays small even if it is changed all day long.
 */
public final class KeptRequests {

    /** More keyed changes than this to one record within a day are not expected; the oldest then go first. */
    public static final int MAX_KEPT = 100;

    private KeptRequests() {
    }

    /**
     * Whether {@code key} was already applied with this very request. The same key with another request is refused:
     * {@link IdempotencyKeyReusedException}. A null key (no header) was never applied.
     */
    public static boolean applied(List<KeptRequest> kept, IdempotencyKey key) {
        if (key == null || kept == null) {
            return false;
        }
        for (KeptRequest request : kept) {
            if (key.sameKeyAs(request)) {
                if (request.fingerprint().equals(key.fingerprint())) {
                    return true;
                }
                throw new IdempotencyKeyReusedException(key.key());
            }
        }
        return false;
    }

    /** The kept requests with {@code key} added and those older than the retention (or beyond the cap) dropped. */
    public static List<KeptRequest> with(List<KeptRequest> kept, IdempotencyKey key) {
        if (key == null) {
            return kept;
        }
        List<KeptRequest> next = new ArrayList<>();
        if (kept != null) {
            for (KeptRequest request : kept) {
                if (!request.at().isBefore(key.receivedAt().minus(IdempotencyKey.RETENTION)) && !key.sameKeyAs(request)) {
                    next.add(request);
                }
            }
        }
        next.add(KeptRequest.of(key));
        next.sort(Comparator.comparing(KeptRequest::at));
        return next.size() <= MAX_KEPT ? next : new ArrayList<>(next.subList(next.size() - MAX_KEPT, next.size()));
    }
}
