package org.dealerplatform.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CPU per operation by process (issue 10: why a rate cannot be reached on this machine)")
class CpuMeterTest {

    private static final long MS = 1_000_000L;
    private final long self = ProcessHandle.current().pid();

    @Test
    @DisplayName("CPU per operation is each process's CPU over the stage less its idle CPU over that time; the harness is not the platform")
    void perOperationLessIdle() {
        CpuMeter meter = new CpuMeter(Map.of("sales-service", self));
        meter.idleBetween(new CpuMeter.Snapshot(0, Map.of("sales-service", 0L, CpuMeter.HARNESS, 0L)),
                new CpuMeter.Snapshot(1_000 * MS, Map.of("sales-service", 100 * MS, CpuMeter.HARNESS, 0L)));

        // 2 s of load: 1,000 ms of sales-service's CPU, 200 of them idle; 500 ms in the harness; 100 operations
        Map<String, Double> per = meter.perOperation(new CpuMeter.Snapshot(0, Map.of("sales-service", 0L, CpuMeter.HARNESS, 0L)),
                new CpuMeter.Snapshot(2_000 * MS, Map.of("sales-service", 1_000 * MS, CpuMeter.HARNESS, 500 * MS)), 100);

        assertThat(per.get("sales-service")).isCloseTo(8.0, within(1e-9));
        assertThat(per.get(CpuMeter.HARNESS)).isCloseTo(5.0, within(1e-9));
        assertThat(CpuMeter.platformTotal(per)).isCloseTo(8.0, within(1e-9));
        assertThat(CpuMeter.ceilingPerSecond(8.0))
                .isCloseTo(Runtime.getRuntime().availableProcessors() * 125.0, within(1e-9));
    }

    @Test
    @DisplayName("a process that is gone, or spent less than its idle CPU, counts 0, never a negative cost")
    void goneOrBelowIdle() {
        CpuMeter meter = new CpuMeter(Map.of("gateway", self, "mongo", self));
        meter.idleBetween(new CpuMeter.Snapshot(0, Map.of("gateway", 0L, "mongo", 0L)),
                new CpuMeter.Snapshot(1_000 * MS, Map.of("gateway", 50 * MS, "mongo", 0L)));

        Map<String, Double> per = meter.perOperation(new CpuMeter.Snapshot(0, Map.of("gateway", 0L, "mongo", 10 * MS)),
                new CpuMeter.Snapshot(1_000 * MS, Map.of("gateway", 20 * MS, "mongo", -1L)), 10);

        assertThat(per.get("gateway")).isZero();
        assertThat(per.get("mongo")).isZero();
    }

    @Test
    @DisplayName("a real process's CPU time is read: work done between two snapshots shows in its figure")
    void readsRealCpu() {
        CpuMeter meter = new CpuMeter(Map.of("this-jvm", self));
        CpuMeter.Snapshot before = meter.take();
        long until = System.nanoTime() + 300 * MS;
        long spin = 0;
        while (System.nanoTime() < until) {
            spin += Long.numberOfTrailingZeros(System.nanoTime());
        }
        Map<String, Double> per = meter.perOperation(before, meter.take(), 1);

        assertThat(spin).isPositive();
        assertThat(meter.measuresPlatform()).isTrue();
        assertThat(per.get("this-jvm")).isGreaterThan(150.0);
        assertThat(meter.row("x", per)).startsWith("| x |").contains("**");
        assertThat(meter.header("label")).contains("this-jvm", "harness", "platform total");
    }
}
