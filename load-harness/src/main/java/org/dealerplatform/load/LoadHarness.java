package org.dealerplatform.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.dealerplatform.local.DemoData;
import org.dealerplatform.local.LocalPlatform;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load harness (issue 10): one command ({@code ./load-test.sh}) puts a platform on this machine under open-loop
 * load and writes a report with latency charts.
 * <ul>
 * <li><b>overhead</b>: the same {@code GET /api/customers/{id}} at a fixed rate straight to customer-service and
 * through the gateway, alternating, with the p99 ratio (bar: ≤ 1.3);</li>
 * <li><b>sales</b>: {@code POST /api/sales/sales} at each fixed rate, through the gateway and straight to
 * sales-service, with HQ's roll-up lag sampled under load and the time it needs to catch up afterwards (bar: 1,000/s,
 * p99 ≤ 50 ms, 0 errors, caught up ≤ 1 s after);</li>
 * <li><b>import</b>: a CSV import of N customers as jobs, timed until every customer replica holds them (bar:
 * 100,000 in ≤ 60 s).</li>
 * </ul>
 * It only talks to this machine's loopback addresses, ends by itself (each stage is bounded, and a watchdog stops the
 * whole run), and stops a platform it started.
 */
public final class LoadHarness {

    private static final String USAGE = """
            usage: ./load-test.sh [options]
              --attach <base-port>   use the platform ./run-local.sh runs on that base port (default: start a fresh one)
              --scenarios <list>     overhead,sales,import (default: all)
              --rates <list>         sales per second, e.g. 100,300,500,1000 (default)
              --seconds <n>          seconds per sales rate and per overhead run (default 20; the bar: 300 at 1,000/s)
              --overhead-rate <n>    requests per second of the overhead comparison (default 300)
              --customers <n>        customers in the import scenario (default 10000; the bar: 100000)
              --report <dir>         where report.md and the charts go (default target/load-report)
              --max-minutes <n>      stop the whole run after this long (default 60)
            """;

    private final Options options;
    private final Target target;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final StringBuilder report = new StringBuilder();
    private CpuMeter cpu;

    private LoadHarness(Options options, Target target) {
        this.options = options;
        this.target = target;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8, daemon())).build();
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(options.maxMinutes));
                System.err.println("load harness: stopping after " + options.maxMinutes + " minutes (--max-minutes)");
                System.exit(3);
            } catch (InterruptedException e) {
                // the run ended first
            }
        }, "load-harness-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try (Target target = options.attachPort > 0 ? Target.running(options.attachPort) : startPlatform()) {
            new LoadHarness(options, target).run();
        }
        System.exit(0);
    }

    private static Target startPlatform() throws Exception {
        Path data = Files.createTempDirectory("dealer-load");
        System.out.println("load harness: starting a fresh platform (no demo data) in " + data + " ...");
        return Target.started(LocalPlatform.start(LocalPlatform.Options.defaults().dataDir(data).basePort(0)
                .demoData(false).banner(false)));
    }

    private void run() throws Exception {
        Files.createDirectories(options.reportDir);
        header();
        Workload workload = new Workload(target, http);
        workload.prepare(200);
        cpu = new CpuMeter(target.processes());
        if (cpu.measuresPlatform()) {
            cpu.idle(Duration.ofSeconds(5));
        }
        if (options.scenarios.contains("overhead")) {
            overhead(workload);
        }
        if (options.scenarios.contains("sales")) {
            sales(workload);
        }
        if (options.scenarios.contains("import")) {
            importCustomers(workload);
        }
        Path file = options.reportDir.resolve("report.md");
        Files.writeString(file, report.toString(), StandardCharsets.UTF_8);
        System.out.println("\nload harness: report written to " + file.toAbsolutePath());
    }

    private void header() {
        line("# Load report");
        line("");
        line("- when: " + Instant.now() + "; machine: " + Runtime.getRuntime().availableProcessors()
                + " cores; load average at start: " + loadAverage());
        line("- platform: " + target.startup() + "; the harness runs on the same machine");
        line("- open loop: each request is due at a fixed time and its latency counts from then, so a stall is not hidden"
                + " by a slower load (no coordinated omission); latencies in HdrHistogram");
        line("- callers: " + (options.attachPort > 0 ? 2 : Workload.SELLERS_PER_BRANCH) * DemoData.BRANCHES.size()
                + " token subjects (" + (options.attachPort > 0 ? "the dev issuer's two demo salespeople" : "four salespeople")
                + " in each of " + DemoData.BRANCHES.size() + " branches), so no subject comes near the gateway's per-client"
                + " limit (200/s, burst 400) at 1,000 sales/s");
        line("- command: `./load-test.sh " + String.join(" ", options.args) + "`");
        line("");
    }

    // --------------------------------------------------------------------------------------------- gateway overhead

    private void overhead(Workload workload) throws Exception {
        String customer = workload.someCustomer();
        List<String> tokens = workload.tokensOfBranch(DemoData.BRANCHES.get(0).id());
        OpenLoop loop = new OpenLoop(http);
        String direct = target.serviceUrl("customer-service") + "/api/customers/" + customer;
        String gateway = target.gatewayUrl() + "/api/customers/" + customer;
        Duration half = Duration.ofSeconds(Math.max(2, options.seconds / 2));
        Histogram directAll = new Histogram(3);
        Histogram gatewayAll = new Histogram(3);
        List<OpenLoop.Result> results = new ArrayList<>();
        loop.run("warm-up", options.overheadRate, Duration.ofSeconds(5), n -> Workload.get(direct, tokens.get((int) (n % tokens.size()))), OpenLoop.OnSuccess.NONE);
        loop.run("warm-up", options.overheadRate, Duration.ofSeconds(5), n -> Workload.get(gateway, tokens.get((int) (n % tokens.size()))), OpenLoop.OnSuccess.NONE);
        List<String> cpuRows = new ArrayList<>();
        for (int round = 0; round < 2; round++) { // alternate, so both paths see the same machine state
            CpuMeter.Snapshot t0 = cpu.take();
            OpenLoop.Result d = loop.run("direct", options.overheadRate, half, n -> Workload.get(direct, tokens.get((int) (n % tokens.size()))), OpenLoop.OnSuccess.NONE);
            CpuMeter.Snapshot t1 = cpu.take();
            OpenLoop.Result g = loop.run("gateway", options.overheadRate, half, n -> Workload.get(gateway, tokens.get((int) (n % tokens.size()))), OpenLoop.OnSuccess.NONE);
            CpuMeter.Snapshot t2 = cpu.take();
            cpuRows.add(cpu.row("direct | " + (round + 1) + " | " + d.ok(), cpu.perOperation(t0, t1, d.ok())));
            cpuRows.add(cpu.row("gateway | " + (round + 1) + " | " + g.ok(), cpu.perOperation(t1, t2, g.ok())));
            directAll.add(d.latencyMicros());
            gatewayAll.add(g.latencyMicros());
            results.add(d);
            results.add(g);
        }
        double ratio = gatewayAll.getValueAtPercentile(99) / (double) Math.max(1, directAll.getValueAtPercentile(99));
        line("## Gateway overhead: `GET /api/customers/{id}` at " + options.overheadRate + "/s");
        line("");
        line("| path | sent | errors | p50 ms | p99 ms | p99.9 ms | max ms |");
        line("|---|---|---|---|---|---|---|");
        row("direct to customer-service", results, "direct", directAll);
        row("through the gateway", results, "gateway", gatewayAll);
        line("");
        line(String.format(Locale.ROOT, "**p99 gateway / direct = %.2f** (bar ≤ 1.3), p50 ratio %.2f. Two alternating"
                + " rounds of %d s per path after 5 s of warm-up each.", ratio,
                gatewayAll.getValueAtPercentile(50) / (double) Math.max(1, directAll.getValueAtPercentile(50)), half.toSeconds()));
        line("");
        cpuTable("request", "path | round | answered", cpuRows);
        chart("overhead-latency.svg", new LatencyChart("GET /api/customers/{id} at " + options.overheadRate + "/s")
                .add("direct", directAll).add("gateway", gatewayAll));
    }

    // ----------------------------------------------------------------------------------------------------- sales

    private void sales(Workload workload) throws Exception {
        OpenLoop loop = new OpenLoop(http);
        OpenLoop.Result warmUp = loop.run("warm-up", 100, Duration.ofSeconds(5), n -> workload.sale(target.gatewayUrl(), n),
                OpenLoop.OnSuccess.NONE);
        long next = warmUp.sent(); // sale numbers run on across stages, so every sale has its own VIN
        line("## Sales: `POST /api/sales/sales` at fixed rates");
        line("");
        line("Each rate runs " + options.seconds + " s through the gateway, then " + options.seconds + " s straight to"
                + " sales-service. Roll-up lag: the age of the oldest acknowledged sale HQ's group roll-up does not count"
                + " yet, sampled every " + RollupLag.SAMPLE_MILLIS + " ms; catch-up: from the last acknowledgement until the"
                + " roll-up counts every acknowledged sale.");
        line("");
        line("| path | rate /s | achieved /s | sent | errors | p50 ms | p99 ms | p99.9 ms | max ms | roll-up lag p99 ms | caught up after ms |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");
        LatencyChart chart = new LatencyChart("POST /api/sales/sales, open loop");
        List<String> cpuRows = new ArrayList<>();
        for (int rate : options.rates) {
            for (String path : List.of("gateway", "direct")) {
                String base = path.equals("gateway") ? target.gatewayUrl() : target.serviceUrl("sales-service");
                long first = next;
                RollupLag lag = new RollupLag(workload::groupUnitsThisMonth);
                lag.start();
                CpuMeter.Snapshot cpuBefore = cpu.take();
                OpenLoop.Result result = loop.run(path, rate, Duration.ofSeconds(options.seconds),
                        n -> workload.sale(base, first + n), lag);
                long caughtUp = lag.stopAndAwaitCatchUp(120_000);
                cpuRows.add(cpu.row(path + " | " + rate + " | " + result.ok(),
                        cpu.perOperation(cpuBefore, cpu.take(), result.ok())));
                next += result.sent();
                Histogram h = result.latencyMicros();
                String lagP99 = lag.lagMillis().getValueAtPercentile(99)
                        + (lag.missedSamples() > 0 ? " (" + lag.missedSamples() + " samples timed out)" : "");
                line(String.format(Locale.ROOT, "| %s | %d | %.0f | %d | %s | %.1f | %.1f | %.1f | %.1f | %s | %s |",
                        path, rate, result.achievedPerSecond(), result.sent(), errors(result), ms(h, 50), ms(h, 99),
                        ms(h, 99.9), h.getMaxValue() / 1000.0, lagP99,
                        caughtUp < 0 ? "not within 120 s" : Long.toString(caughtUp)));
                System.out.printf("   sales %-7s %5d/s: achieved %.0f/s, p99 %.1f ms, errors %s, roll-up caught up after %d ms%n",
                        path, rate, result.achievedPerSecond(), ms(h, 99), errors(result), caughtUp);
                chart.add(path + " " + rate + "/s", h);
            }
        }
        line("");
        cpuTable("sale", "path | rate /s | acknowledged", cpuRows);
        chart("sales-latency.svg", chart);
    }

    // ---------------------------------------------------------------------------------------------------- import

    private void importCustomers(Workload workload) throws Exception {
        int perBranch = Math.max(1, options.customers / DemoData.BRANCHES.size());
        int total = perBranch * DemoData.BRANCHES.size();
        try (Replicas replicas = new Replicas(target)) {
            long filesBefore = replicas.customerFiles();
            List<Long> before = new ArrayList<>();
            for (String db : List.of("sales", "aftersales", "notifications")) {
                before.add(replicas.customers(db));
            }
            CpuMeter.Snapshot cpuBefore = cpu.take();
            long start = System.nanoTime();
            // issue 10: where the import is at every 10 s: files stored, published by the relay, in each replica
            List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.ScheduledExecutorService sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                try {
                    long files = replicas.customerFiles() - filesBefore;
                    long published = files - replicas.unpublishedFiles();
                    String sample = String.format(Locale.ROOT, "| %.0f | %d | %d | %d | %d | %d |", (System.nanoTime() - start) / 1e9,
                            files, published, replicas.customers("sales") - before.get(0),
                            replicas.customers("aftersales") - before.get(1), replicas.customers("notifications") - before.get(2));
                    samples.add(sample);
                    // also at once: a run cut short by --max-minutes writes no report, the samples stay in the output
                    System.out.println("   import s/stored/published/sales/aftersales/notifications " + sample);
                } catch (RuntimeException e) {
                    samples.add("| sample failed: " + e + " |");
                    System.out.println("   import sample failed: " + e);
                }
            }, 0, 10, TimeUnit.SECONDS);
            List<String> jobs = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            long mobile = 150_0000_0000L + (System.currentTimeMillis() % 1_000) * 100_000L;
            for (DemoData.Branch branch : DemoData.BRANCHES) {
                StringBuilder csv = new StringBuilder("branchId,name,type,mobile,email,address,preferredLanguage,firstVisitDate\n");
                for (int i = 0; i < perBranch; i++) {
                    csv.append(branch.id()).append(",导入客户").append(branch.id()).append('-').append(i)
                            .append(",INDIVIDUAL,").append(mobile++).append(",,,zh-CN,\n");
                }
                String token = target.token("load-import-" + branch.id().toLowerCase(Locale.ROOT), branch.id(), "BRANCH_MANAGER");
                HttpRequest upload = HttpRequest.newBuilder(java.net.URI.create(target.gatewayUrl()
                                + "/api/customers/import")).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "text/csv").timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8)).build();
                HttpResponse<String> accepted = http.send(upload, HttpResponse.BodyHandlers.ofString());
                // a service takes a few imports at a time and answers 429 with Retry-After beyond: wait, send it again
                while (accepted.statusCode() == 429 && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(10)) {
                    Thread.sleep(1000L * accepted.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L));
                    accepted = http.send(upload, HttpResponse.BodyHandlers.ofString());
                }
                Workload.expect(2, accepted, "POST /api/customers/import");
                jobs.add(json.readTree(accepted.body()).path("id").asString());
                tokens.add(token);
            }
            long submitted = System.nanoTime();
            long deadline = start + TimeUnit.MINUTES.toNanos(10);
            for (int j = 0; j < jobs.size(); j++) {
                while (true) {
                    JsonNode job = json.readTree(http.send(Workload.get(target.gatewayUrl() + "/api/customers/import-jobs/"
                            + jobs.get(j), tokens.get(j)), HttpResponse.BodyHandlers.ofString()).body());
                    String status = job.path("status").asString();
                    if ("DONE".equals(status) || "FAILED".equals(status) || System.nanoTime() > deadline) {
                        break;
                    }
                    Thread.sleep(200);
                }
            }
            long imported = System.nanoTime();
            long filesAfter = replicas.customerFiles();
            long[] absorbed = new long[3];
            String[] dbs = {"sales", "aftersales", "notifications"};
            for (int r = 0; r < dbs.length; r++) {
                while (replicas.customers(dbs[r]) - before.get(r) < filesAfter - filesBefore && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                absorbed[r] = System.nanoTime();
            }
            sampler.shutdownNow();
            CpuMeter.Snapshot cpuAfter = cpu.take();
            line("## Import: " + total + " customers as " + jobs.size() + " CSV import jobs (one per branch)");
            line("");
            line("| stage | seconds from the first upload | rows/s |");
            line("|---|---|---|");
            stage("five uploads answered 202", start, submitted, total);
            stage("jobs DONE in customer-service (" + (filesAfter - filesBefore) + " files stored)", start, imported, total);
            for (int r = 0; r < dbs.length; r++) {
                stage("in " + dbs[r] + "'s customer replica (" + (replicas.customers(dbs[r]) - before.get(r)) + ")", start,
                        absorbed[r], total);
            }
            line("");
            double all = (Arrays.stream(absorbed).max().orElse(imported) - start) / 1e9;
            line(String.format(Locale.ROOT, "**All three replicas hold the import after %.1f s** (bar: 100,000 in ≤ 60 s).", all));
            line("");
            cpuTable("imported customer (stored, published and in all three replicas)", "customers",
                    List.of(cpu.row(Integer.toString(total), cpu.perOperation(cpuBefore, cpuAfter, total))));
            line("Over time (customer files; \"published\": stored files without a pending outbox hint, i.e. the relay's progress):");
            line("");
            line("| s | stored | published by the relay | sales replica | aftersales replica | notifications replica |");
            line("|---|---|---|---|---|---|");
            synchronized (samples) {
                samples.forEach(this::line);
            }
            line("");
            System.out.printf("   import of %d customers: all replicas after %.1f s%n", total, all);
        }
    }

    // --------------------------------------------------------------------------------------------------- helpers

    /** Issue 10: the CPU each process spent per operation of a stage, and the rate this machine's cores allow at it. */
    private void cpuTable(String operation, String labels, List<String> rows) {
        if (!cpu.measuresPlatform()) {
            line("CPU per " + operation + ": not measured (the harness knows the processes only of a platform it starts).");
            line("");
            return;
        }
        line("CPU ms per " + operation + " by process (user + system, from the start of the load until its effects are"
                + " caught up, less each process's idle CPU: " + idleCpu() + "). The platform total bounds the rate on"
                + " this machine, however well the work is spread: cores × 1000 ÷ total. `harness` is the load generator"
                + " (and the launcher), not counted in the total.");
        line("");
        line(cpu.header(labels));
        rows.forEach(this::line);
        line("");
    }

    private String idleCpu() {
        StringBuilder idle = new StringBuilder();
        cpu.idleMillisPerSecond().forEach((name, ms) -> idle.append(idle.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.0f", name, ms)));
        return "ms per second " + idle;
    }

    private void stage(String what, long start, long at, int rows) {
        double seconds = (at - start) / 1e9;
        line(String.format(Locale.ROOT, "| %s | %.1f | %.0f |", what, seconds, rows / Math.max(seconds, 1e-3)));
    }

    private void row(String what, List<OpenLoop.Result> results, String name, Histogram h) {
        long sent = results.stream().filter(r -> r.name().equals(name)).mapToLong(OpenLoop.Result::sent).sum();
        String errors = String.join(" + ", results.stream().filter(r -> r.name().equals(name) && r.failures() > 0)
                .map(LoadHarness::errors).toList());
        line(String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | %.2f | %.2f |", what, sent,
                errors.isEmpty() ? "0" : errors, ms(h, 50), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0));
    }

    private static String errors(OpenLoop.Result result) {
        return result.failures() == 0 ? "0" : result.failures() + " " + result.failuresByStatus()
                + (result.transportErrors() > 0 ? " io=" + result.transportErrors() : "");
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private void chart(String file, LatencyChart chart) throws Exception {
        Files.writeString(options.reportDir.resolve(file), chart.svg(), StandardCharsets.UTF_8);
        line("![" + file + "](" + file + ")");
        line("");
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "load-http");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The command line. */
    static final class Options {
        int attachPort;
        Set<String> scenarios = new LinkedHashSet<>(List.of("overhead", "sales", "import"));
        int[] rates = {100, 300, 500, 1000};
        int seconds = 20;
        int overheadRate = 300;
        int customers = 10_000;
        Path reportDir = Path.of("target", "load-report");
        int maxMinutes = 60;
        List<String> args = List.of();

        static Options parse(String[] args) {
            Options o = new Options();
            o.args = List.of(args);
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    throw new IllegalArgumentException("");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + name);
                }
                String value = args[++i];
                try {
                    switch (name) {
                        case "--attach" -> o.attachPort = Integer.parseInt(value);
                        case "--scenarios" -> o.scenarios = new LinkedHashSet<>(List.of(value.split(",")));
                        case "--rates" -> o.rates = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                        case "--seconds" -> o.seconds = Integer.parseInt(value);
                        case "--overhead-rate" -> o.overheadRate = Integer.parseInt(value);
                        case "--customers" -> o.customers = Integer.parseInt(value);
                        case "--report" -> o.reportDir = Path.of(value);
                        case "--max-minutes" -> o.maxMinutes = Integer.parseInt(value);
                        default -> throw new IllegalArgumentException("unknown option " + name);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " needs a number, got " + value);
                }
            }
            if (!Set.of("overhead", "sales", "import").containsAll(o.scenarios)) {
                throw new IllegalArgumentException("scenarios are overhead, sales and import; got " + o.scenarios);
            }
            if (Arrays.stream(o.rates).anyMatch(r -> r < 1 || r > 20_000) || o.seconds < 2 || o.customers < 5) {
                throw new IllegalArgumentException("rates 1..20000 per second, at least 2 seconds, at least 5 customers");
            }
            return o;
        }
    }
}
