package org.dealerplatform.load;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * How far HQ's roll-up trails the sales acknowledged to clients (SAL-9, issue 10's "caught up within 1 s"). Every
 * 201 is noted with its time; a sampler reads the group's units every {@link #SAMPLE_MILLIS} ms. When the roll-up
 * counts {@code c} of the {@code n} acknowledged sales, the lag is the age of the oldest one it has not counted yet
 * (the {@code c+1}-th acknowledgement), 0 when it counts all.
 */
final class RollupLag implements OpenLoop.OnSuccess {

    static final long SAMPLE_MILLIS = 200;

    /** Reads the roll-up's current count of units. */
    interface Counter {
        long units() throws Exception;
    }

    private final Counter counter;
    private final long baseline;
    private long[] acks = new long[1 << 16];
    private int acked;
    private final Histogram lagMillis = new Histogram(TimeUnit.MINUTES.toMillis(30), 3);
    private volatile boolean sampling;
    private volatile int missedSamples;
    private Thread sampler;
    private volatile Exception failure;

    RollupLag(Counter counter) throws Exception {
        this.counter = counter;
        this.baseline = counter.units();
    }

    @Override
    public synchronized void accepted(long sequence, long nanoTime, String body) {
        if (acked == acks.length) {
            acks = Arrays.copyOf(acks, acks.length * 2);
        }
        acks[acked++] = nanoTime;
    }

    /** Starts sampling while the load runs. */
    void start() {
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                try {
                    sample();
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                } catch (java.io.IOException slowOrRefused) {
                    missedSamples++; // the HQ query itself timed out under load: counted, and sampling goes on
                } catch (Exception e) {
                    failure = e;
                    return;
                }
            }
        }, "rollup-lag-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Stops sampling once the load has ended, then waits until the roll-up counts every acknowledged sale. Returns
     * the milliseconds from the last acknowledgement to that moment, or -1 if it did not catch up within
     * {@code maxWaitMillis}.
     */
    long stopAndAwaitCatchUp(long maxWaitMillis) throws Exception {
        sampling = false;
        sampler.join();
        if (failure != null) {
            throw failure;
        }
        long last;
        int total;
        synchronized (this) {
            total = acked;
            last = total == 0 ? System.nanoTime() : max(acks, total);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        while (System.nanoTime() < deadline) {
            try {
                if (counter.units() - baseline >= total) {
                    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - last));
                }
            } catch (java.io.IOException slowOrRefused) {
                missedSamples++;
            }
            Thread.sleep(20);
        }
        return -1;
    }

    /** Samples whose HQ roll-up query did not answer in time (they are not in {@link #lagMillis()}). */
    int missedSamples() {
        return missedSamples;
    }

    Histogram lagMillis() {
        return lagMillis;
    }

    private void sample() throws Exception {
        long counted = counter.units() - baseline;
        long now = System.nanoTime();
        long[] sorted;
        synchronized (this) {
            sorted = Arrays.copyOf(acks, acked);
        }
        Arrays.sort(sorted);
        lagMillis.recordValue(lag(sorted, counted, now));
    }

    /** The lag in ms at {@code now} when the roll-up counts {@code counted} of the sorted acknowledgements. */
    static long lag(long[] sortedAckNanos, long counted, long now) {
        if (counted >= sortedAckNanos.length) {
            return 0;
        }
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(now - sortedAckNanos[(int) Math.max(0, counted)]));
    }

    private static long max(long[] values, int length) {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < length; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
    }
}
