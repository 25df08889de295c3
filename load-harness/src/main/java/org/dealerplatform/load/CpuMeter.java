package org.dealerplatform.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU each platform process spends per operation (issue 10: "where a figure cannot be reached on 2 cores, show
 * why"). It reads every process's total CPU time (user and system, {@link ProcessHandle.Info#totalCpuDuration()}) before
 * and after a stage, takes off what the process spends idle (measured once, {@link #idle}), and divides by the
 * operations of the stage. The sum over the platform's processes bounds the rate on this machine: {@code cores × 1000 ÷
 * CPU ms per operation}, however well the work is spread.
 */
final class CpuMeter {

    /** The process the harness runs in: the load generator and, when it started the platform, the launcher. */
    static final String HARNESS = "harness";

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private Map<String, Double> idleMillisPerSecond = Map.of();

    CpuMeter(Map<String, Long> platform) {
        pids.putAll(platform);
        pids.put(HARNESS, ProcessHandle.current().pid());
    }

    /** Whether there is anything to measure (the harness knows the platform's pids only when it started it). */
    boolean measuresPlatform() {
        return pids.size() > 1;
    }

    /** CPU time so far of every process, at one moment. */
    Snapshot take() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toNanos).orElse(-1L)));
        return new Snapshot(System.nanoTime(), cpu);
    }

    /** Measures each process's CPU while nothing is asked of the platform, to take it off the stages' figures. */
    void idle(Duration window) throws InterruptedException {
        Snapshot before = take();
        Thread.sleep(window.toMillis());
        idleBetween(before, take());
    }

    /** Takes each process's CPU between two snapshots of an idle platform as its idle rate. */
    void idleBetween(Snapshot before, Snapshot after) {
        double seconds = (after.at - before.at) / 1e9;
        Map<String, Double> idle = new LinkedHashMap<>();
        after.cpu.forEach((name, nanos) -> idle.put(name, delta(before, after, name) / 1e6 / seconds));
        idleMillisPerSecond = idle;
    }

    /** Idle CPU ms per second of each process (empty before {@link #idle}). */
    Map<String, Double> idleMillisPerSecond() {
        return idleMillisPerSecond;
    }

    /** CPU ms per operation of each process between two snapshots, less its idle CPU over that time; never below 0. */
    Map<String, Double> perOperation(Snapshot before, Snapshot after, long operations) {
        double seconds = (after.at - before.at) / 1e9;
        Map<String, Double> per = new LinkedHashMap<>();
        after.cpu.forEach((name, nanos) -> {
            double millis = delta(before, after, name) / 1e6 - idleMillisPerSecond.getOrDefault(name, 0.0) * seconds;
            per.put(name, Math.max(0, millis) / Math.max(1, operations));
        });
        return per;
    }

    /** The platform's CPU ms per operation: every process but the harness. */
    static double platformTotal(Map<String, Double> perOperation) {
        return perOperation.entrySet().stream().filter(e -> !e.getKey().equals(HARNESS)).mapToDouble(Map.Entry::getValue).sum();
    }

    /** The highest rate this machine's cores allow at that CPU per operation. */
    static double ceilingPerSecond(double platformMillisPerOperation) {
        return Runtime.getRuntime().availableProcessors() * 1000.0 / Math.max(platformMillisPerOperation, 1e-6);
    }

    /** The names, in the order the table columns show them. */
    Iterable<String> names() {
        return pids.keySet();
    }

    /** A Markdown table header for per-operation figures: the label columns, then one column per process. */
    String header(String labels) {
        StringBuilder head = new StringBuilder("| " + labels + " |");
        StringBuilder rule = new StringBuilder("|" + "---|".repeat(labels.split("\\|").length));
        for (String name : pids.keySet()) {
            head.append(' ').append(name).append(" |");
            rule.append("---|");
        }
        head.append(" platform total | ceiling on ").append(Runtime.getRuntime().availableProcessors()).append(" cores /s |");
        rule.append("---|---|");
        return head + "\n" + rule;
    }

    /** A table row matching {@link #header}. */
    String row(String labels, Map<String, Double> perOperation) {
        StringBuilder row = new StringBuilder("| " + labels + " |");
        for (String name : pids.keySet()) {
            row.append(String.format(Locale.ROOT, " %.2f |", perOperation.getOrDefault(name, 0.0)));
        }
        double total = platformTotal(perOperation);
        row.append(String.format(Locale.ROOT, " **%.2f** | %.0f |", total, ceilingPerSecond(total)));
        return row.toString();
    }

    private static long delta(Snapshot before, Snapshot after, String name) {
        long a = before.cpu.getOrDefault(name, -1L);
        long b = after.cpu.getOrDefault(name, -1L);
        return a < 0 || b < 0 ? 0 : Math.max(0, b - a);
    }

    /** Total CPU nanoseconds per process at {@code at} ({@link System#nanoTime()}); -1 where unreadable. */
    record Snapshot(long at, Map<String, Long> cpu) {
    }
}
