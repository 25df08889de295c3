package org.dealerplatform.platform.events;

import java.security.SecureRandom;
import java.util.UUID;

/** Time-ordered event ids (UUIDv7, RFC 9562), so ids sort by creation time in logs and indexes. */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    public static String next() {
        return uuidV7(System.currentTimeMillis()).toString();
    }

    static UUID uuidV7(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16;
        msb |= 0x7000L; // version 7
        msb |= ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long lsb = 0x8000_0000_0000_0000L; // IETF variant
        lsb |= ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            lsb |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(msb, lsb);
    }
}
