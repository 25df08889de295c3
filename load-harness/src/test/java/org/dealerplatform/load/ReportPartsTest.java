package org.dealerplatform.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Load report parts (issue 10): roll-up lag, latency chart, command line")
class ReportPartsTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @Test
    @DisplayName("the roll-up lag is the age of the oldest acknowledged sale not yet counted, 0 when all are counted")
    void rollupLag() {
        long[] acks = {10 * S, 11 * S, 12 * S};

        assertThat(RollupLag.lag(acks, 3, 20 * S)).isZero();
        assertThat(RollupLag.lag(acks, 1, 20 * S)).isEqualTo(9_000);
        assertThat(RollupLag.lag(acks, 0, 20 * S)).isEqualTo(10_000);
    }

    @Test
    @DisplayName("the chart draws one line per run with a legend, and escapes labels")
    void chart() {
        Histogram fast = new Histogram(3);
        Histogram slow = new Histogram(3);
        for (int i = 1; i <= 1_000; i++) {
            fast.recordValue(i);
            slow.recordValue(i * 100L);
        }

        String svg = new LatencyChart("a <title>").add("fast", fast).add("slow & late", slow)
                .add("empty", new Histogram(3)).svg();

        assertThat(svg).startsWith("<svg").contains("a &lt;title&gt;", "slow &amp; late", "p99.9")
                .doesNotContain(">empty<");
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        assertThat(LatencyChart.x(99)).isGreaterThan(LatencyChart.x(90)).isLessThan(LatencyChart.x(99.9));
    }

    @Test
    @DisplayName("the command line takes rates, scenarios and sizes, and refuses what it does not know")
    void options() {
        LoadHarness.Options options = LoadHarness.Options.parse(new String[] {"--rates", "100,1000", "--seconds", "300",
                "--scenarios", "sales", "--customers", "100000"});

        assertThat(options.rates).containsExactly(100, 1000);
        assertThat(options.seconds).isEqualTo(300);
        assertThat(options.scenarios).containsExactly("sales");
        assertThat(options.customers).isEqualTo(100_000);
        assertThatThrownBy(() -> LoadHarness.Options.parse(new String[] {"--rate", "5"})).hasMessageContaining("--rate");
        assertThatThrownBy(() -> LoadHarness.Options.parse(new String[] {"--scenarios", "dance"})).hasMessageContaining("dance");
        assertThatThrownBy(() -> LoadHarness.Options.parse(new String[] {"--seconds", "x"})).hasMessageContaining("number");
    }

    @Test
    @DisplayName("against a running platform, callers are the dev issuer's demo users: HQ, and per branch two salespeople")
    void demoUsers() {
        assertThat(Target.demoUser("load-hq", null, "HQ")).isEqualTo("hq.analyst");
        assertThat(Target.demoUser("x", "ZJ-HZ-01", "BRANCH_MANAGER")).isEqualTo("hz.manager");
        assertThat(java.util.stream.IntStream.range(0, 20).mapToObj(i -> Target.demoUser("load-js-nj-01-" + i, "JS-NJ-01", "SALES"))
                .distinct()).containsExactlyInAnyOrder("nj.sales1", "nj.sales2");
    }
}
