package org.dealerplatform.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.json.JsonMapper;

/**
 * The demo data set of the local platform, loaded once per data dir through the gateway with dev tokens, so a
 * developer starts with a realistic dealership group: two regions, Jiangsu (JS-NJ-01 Nanjing, JS-SZ-01 Suzhou,
 * JS-WX-01 Wuxi) and Zhejiang (ZJ-HZ-01 Hangzhou, ZJ-NB-01 Ningbo).
 *
 * <p>The set is a list of {@link DemoDataLoader}s run in order; each one that succeeds is recorded in
 * {@value #MARKER_FILE} in the data dir and skipped on later starts, so a loader added later still runs once on an
 * existing data dir: {@link CustomerDemoLoader} (~20 customers per branch), {@link TargetDemoLoader} (annual targets
 * and tasks, this year and last), {@link SalesDemoLoader} (two years of sales with shared credit) and
 * {@link MaintenanceDemoLoader} (work orders, hence next due dates and reminders).
 */
public final class DemoData {

    /** The marker file in the data dir: loader name = when it was loaded and its summary. */
    public static final String MARKER_FILE = "demo-data.properties";

    /** A dealership branch of the demo group. */
    public record Branch(String id, String city, String region) {
    }

    /** The five demo branches in two regions. */
    public static final List<Branch> BRANCHES = List.of(
            new Branch("JS-NJ-01", "南京市", "Jiangsu"),
            new Branch("JS-SZ-01", "苏州市", "Jiangsu"),
            new Branch("JS-WX-01", "无锡市", "Jiangsu"),
            new Branch("ZJ-HZ-01", "杭州市", "Zhejiang"),
            new Branch("ZJ-NB-01", "宁波市", "Zhejiang"));

    /** Outcome of {@link #load()}: loader names that ran now, were already loaded, or failed (with the reason). */
    public record Result(List<String> loaded, List<String> skipped, Map<String, String> failed) {

        /** True when every loader has now been loaded (earlier or now). */
        public boolean complete() {
            return failed.isEmpty();
        }
    }

    private final Path markerFile;
    private final Context context;
    private final List<DemoDataLoader> loaders;

    /** The loaders of the full demo set, in order. */
    public static List<DemoDataLoader> defaultLoaders() {
        return List.of(new CustomerDemoLoader(), new TargetDemoLoader(), new SalesDemoLoader(), new MaintenanceDemoLoader());
    }

    public DemoData(Path dataDir, URI gateway, DevTokens tokens, List<DemoDataLoader> loaders) {
        this.markerFile = dataDir.resolve(MARKER_FILE);
        this.context = new Context(gateway, tokens);
        this.loaders = List.copyOf(loaders);
    }

    /** Runs the loaders not yet recorded in the marker file; a failed loader is reported, not thrown. */
    public Result load() {
        Properties done = readMarker();
        List<String> loaded = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (DemoDataLoader loader : loaders) {
            if (done.containsKey(loader.name())) {
                skipped.add(loader.name());
                continue;
            }
            long start = System.nanoTime();
            try {
                String summary = loader.load(context);
                done.setProperty(loader.name(), Instant.now() + " " + summary);
                writeMarker(done);
                loaded.add(loader.name());
                Log.info("demo data: %s: %s (%.1f s)", loader.name(), summary, Log.seconds(start));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.put(loader.name(), "interrupted");
                break;
            } catch (Exception e) {
                failed.put(loader.name(), String.valueOf(e.getMessage()));
                Log.info("demo data: %s FAILED, will be retried on the next start: %s", loader.name(), e.getMessage());
            }
        }
        if (failed.isEmpty() && loaded.isEmpty() && !skipped.isEmpty()) {
            Log.info("demo data: already loaded (%s; delete it or use --fresh to reload)", markerFile);
        }
        return new Result(List.copyOf(loaded), List.copyOf(skipped), Map.copyOf(failed));
    }

    private Properties readMarker() {
        Properties properties = new Properties();
        if (Files.isRegularFile(markerFile)) {
            try (Reader reader = Files.newBufferedReader(markerFile, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new LaunchException("cannot read " + markerFile + ": " + e.getMessage(), e);
            }
        }
        return properties;
    }

    private void writeMarker(Properties done) throws IOException {
        try (Writer writer = Files.newBufferedWriter(markerFile, StandardCharsets.UTF_8)) {
            done.store(writer, "Demo data loaders already run on this data dir (local-runtime); delete a line to rerun it");
        }
    }

    /** What a loader gets: the gateway, dev tokens, the branches and a JSON POST with retries. */
    public static final class Context {

        private static final int MAX_ATTEMPTS = 8;

        private final URI gateway;
        private final DevTokens tokens;
        private final HttpClient http;
        private final JsonMapper json = JsonMapper.builder().build();

        Context(URI gateway, DevTokens tokens) {
            this.gateway = gateway;
            this.tokens = tokens;
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }

        public URI gateway() {
            return gateway;
        }

        public DevTokens tokens() {
            return tokens;
        }

        public List<Branch> branches() {
            return BRANCHES;
        }

        /** An HTTP status and body. */
        public record Response(int status, String body) {
        }

        /** One branch's share of a loader's work; returns what it counted. */
        @FunctionalInterface
        public interface BranchWork {
            int load(int index, Branch branch) throws Exception;
        }

        /**
         * Runs {@code work} for every branch at once, one thread per branch (a branch's own requests stay in order),
         * and sums what they counted. The requests mostly wait on the platform (a commit, an event reaching another
         * service), so the five branches side by side load about as fast as one did (issue 10: the demo data took
         * 29–36 s, one request after the other). Each branch uses its own tokens, so the per-client rate limit is not
         * shared. The first failure is thrown, after every branch has ended.
         */
        public int perBranch(BranchWork work) throws Exception {
            List<Branch> branches = branches();
            ExecutorService threads = Executors.newFixedThreadPool(branches.size(), runnable -> {
                Thread thread = new Thread(runnable, "demo-data");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<Integer>> counts = new ArrayList<>();
                for (int b = 0; b < branches.size(); b++) {
                    int index = b;
                    counts.add(threads.submit(() -> work.load(index, branches.get(index))));
                }
                int total = 0;
                Exception first = null;
                for (Future<Integer> count : counts) {
                    try {
                        total += count.get();
                    } catch (ExecutionException e) {
                        if (first == null) {
                            first = e.getCause() instanceof Exception cause ? cause : e;
                        }
                    }
                }
                if (first != null) {
                    throw first;
                }
                return total;
            } finally {
                threads.shutdownNow();
            }
        }

        /**
         * POSTs {@code body} as JSON to the gateway with a bearer token; retries rate limiting (429), an open
         * circuit or a warming-up upstream (502, 503, 504) and connection errors with back-off.
         */
        public Response postJson(String path, String token, Object body) throws IOException, InterruptedException {
            return send("POST", path, token, body);
        }

        /** PUTs {@code body} as JSON, with the same retries as {@link #postJson}. */
        public Response putJson(String path, String token, Object body) throws IOException, InterruptedException {
            return send("PUT", path, token, body);
        }

        /** GETs {@code path}, with the same retries as {@link #postJson}. */
        public Response get(String path, String token) throws IOException, InterruptedException {
            return send("GET", path, token, null);
        }

        /** Reads a JSON answer. */
        public tools.jackson.databind.JsonNode json(Response response) {
            return json.readTree(response.body());
        }

        private Response send(String method, String path, String token, Object body) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .header("Authorization", "Bearer " + token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build();
            long backoffMillis = 250;
            for (int attempt = 1;; attempt++) {
                try {
                    HttpResponse<String> response = http.send(request,
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    int status = response.statusCode();
                    boolean retryable = status == 429 || status == 502 || status == 503 || status == 504;
                    if (!retryable || attempt >= MAX_ATTEMPTS) {
                        return new Response(status, response.body());
                    }
                    long retryAfter = response.headers().firstValue("Retry-After").map(Context::seconds).orElse(-1L);
                    Thread.sleep(retryAfter > 0 ? Math.min(retryAfter * 1000, 10_000) : backoffMillis);
                } catch (ConnectException | HttpTimeoutException e) {
                    if (attempt >= MAX_ATTEMPTS) {
                        throw e;
                    }
                    Thread.sleep(backoffMillis);
                }
                backoffMillis = Math.min(backoffMillis * 2, 4000);
            }
        }

        private static long seconds(String header) {
            try {
                return Long.parseLong(header.trim());
            } catch (NumberFormatException httpDate) {
                return -1;
            }
        }
    }
}
