package org.dealerplatform.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Starts the whole dealer platform on one machine without Docker: the in-process MongoDB-wire server, a real Kafka
 * broker, the five apps in sequence and the demo data; {@code main} is what {@code ./run-local.sh} runs, and
 * {@link #start(Options)} is the same thing for tests.
 */
public final class LocalPlatform {

    private LocalPlatform() {
    }

    /**
     * Starts the platform and returns once every requested app reports UP and the demo data is loaded. On failure
     * everything started so far is stopped again and a {@link LaunchException} says why.
     */
    public static RunningPlatform start(Options options) {
        return RunningPlatform.boot(options);
    }

    /**
     * {@code java -jar local-runtime/target/local-runtime.jar [--base-port N] [--data-dir DIR] [--no-demo-data]
     * [--fresh] [--infrastructure-only] [--apps a,b]}; runs until Ctrl-C.
     */
    public static void main(String[] args) {
        if (args.length > 0 && "backup".equals(args[0])) {
            System.exit(backup(args));
            return;
        }
        Options options;
        try {
            options = parse(args, Options.fromEnvironment(System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("[local] " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(usage());
            return;
        }
        RunningPlatform platform;
        try {
            platform = start(options);
        } catch (LaunchException e) {
            if (!RunningPlatform.shutdownRequested()) {
                Log.info("FAILED: %s", e.getMessage());
                System.exit(1);
            }
            return;
        }
        platform.awaitClosed();
    }

    static Options parse(String[] args, Options options) {
        Args arg = new Args(args, 0);
        while (arg.next()) {
            switch (arg.name()) {
                case "--base-port" -> {
                    String port = arg.value();
                    try {
                        options.basePort(Integer.parseInt(port));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--base-port needs a number, got " + port);
                    }
                }
                case "--data-dir" -> options.dataDir(Path.of(arg.value()));
                case "--repo-root" -> options.repoRoot(Path.of(arg.value()));
                case "--no-demo-data" -> options.demoData(false);
                case "--fresh" -> options.fresh(true);
                case "--infrastructure-only" -> options.infrastructureOnly();
                case "--apps" -> options.appsToStart(List.of(arg.value().split(",")));
                case "--restore" -> options.restoreFrom(Path.of(arg.value()));
                case "-h", "--help" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown option " + arg.given());
            }
        }
        return options;
    }

    /** The command line's options one at a time, each {@code --name value} or {@code --name=value}. */
    private static final class Args {

        private final String[] args;
        private int i;
        private String name;
        private String inline;

        Args(String[] args, int from) {
            this.args = args;
            this.i = from - 1;
        }

        /** Moves to the next option; false at the end. */
        boolean next() {
            if (++i >= args.length) {
                return false;
            }
            String arg = args[i];
            int eq = arg.indexOf('=');
            boolean withValue = arg.startsWith("--") && eq > 0;
            name = withValue ? arg.substring(0, eq) : arg;
            inline = withValue ? arg.substring(eq + 1) : null;
            return true;
        }

        String name() {
            return name;
        }

        /** The option as given. */
        String given() {
            return args[i];
        }

        /** The option's value: after its '=', else the next argument. */
        String value() {
            if (inline != null) {
                return inline;
            }
            if (++i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }
    }

    /**
     * REL-6: {@code local-runtime.jar backup --to FILE [--base-port N]}: a consistent backup of the platform running on
     * base port N (the database's and broker's ports follow from it as in {@link PortPlan}; {@code DEALER_MONGO_PORT}
     * and {@code DEALER_KAFKA_PORT} override them). Exit code 0 on success.
     */
    static int backup(String[] args) {
        Path target = null;
        Options options = Options.fromEnvironment(System.getenv());
        Args arg = new Args(args, 1);
        while (arg.next()) {
            switch (arg.name()) {
                case "--to" -> target = Path.of(arg.value());
                case "--base-port" -> options.basePort(Integer.parseInt(arg.value()));
                default -> {
                    System.err.println("[backup] unknown option " + arg.given());
                    System.err.println(usage());
                    return 2;
                }
            }
        }
        if (target == null) {
            System.err.println("[backup] --to FILE is required");
            return 2;
        }
        if (options.basePort() == 0) {
            System.err.println("[backup] --base-port 0 (free ports) cannot be found again; name the platform's base port");
            return 2;
        }
        PortPlan ports = PortPlan.of(options.basePort(), options.mongoPort(), options.kafkaPort());
        try {
            long start = System.nanoTime();
            Backups.Manifest manifest = Backups.backup("mongodb://" + PortPlan.HOST + ":" + ports.mongo() + "/admin",
                    PortPlan.HOST + ":" + ports.kafka(), target);
            Log.info("backup written to %s in %.1f s: database as of %s, offsets of %d consumer groups", target,
                    Log.seconds(start), java.time.Instant.ofEpochMilli(manifest.snapshotAt()), manifest.offsets().size());
            return 0;
        } catch (RuntimeException e) {
            Log.info("FAILED: %s", e.getMessage());
            return 1;
        }
    }

    static String usage() {
        return String.join(System.lineSeparator(),
                "Usage: ./run-local.sh [options]   (or java -jar local-runtime/target/local-runtime.jar [options])",
                "  --base-port N         gateway on N, services on N+1..N+4 (default 8080). With 8080 MongoDB is on 27017",
                "                        and Kafka on 9092/9093; otherwise MongoDB N+5, Kafka N+6, controller N+7.",
                "                        0 picks free ports.                     (env DEALER_BASE_PORT)",
                "  --data-dir DIR        MongoDB file, Kafka log, app logs (default .dealer-data/ in the repo root)",
                "                                                                (env DEALER_DATA_DIR)",
                "  --no-demo-data        do not load the demo data (customers, targets, sales, work orders)",
                "  --fresh               wipe the data dir first",
                "  --infrastructure-only start only MongoDB and Kafka (run the apps from your IDE)",
                "  --restore FILE        start from a backup (REL-6): its database replaces the data dir's, consumers",
                "                        are rewound to it; the data dir's broker must be the one it was taken with",
                "  --apps A,B            start only these apps, e.g. --apps customer-service,gateway",
                "  --repo-root DIR       where the modules' target/*.jar are (default: found from the working dir)",
                "Env DEALER_MONGO_PORT / DEALER_KAFKA_PORT override the MongoDB / Kafka ports.",
                "Backup of a running platform (REL-6): java -jar local-runtime/target/local-runtime.jar backup --to FILE",
                "  [--base-port N]; restore it with --restore FILE (platform stopped first).");
    }

    /** What to start and where; every setting has a default that suits a developer's machine. */
    public static final class Options {

        private Path repoRoot;
        private Path dataDir;
        private int basePort = PortPlan.DEFAULT_BASE_PORT;
        private int mongoPort;
        private int kafkaPort;
        private boolean demoData = true;
        private boolean fresh;
        private boolean banner = true;
        private List<String> appsToStart = AppModule.NAMES;
        private final Map<String, Map<String, String>> extraEnv = new LinkedHashMap<>();
        private Duration appStartTimeout = Duration.ofSeconds(90);
        private Path restoreFrom;

        /** Everything at its default: repo root found from the working dir, base port 8080, all apps, demo data. */
        public static Options defaults() {
            return new Options();
        }

        /** Defaults, then {@code DEALER_DATA_DIR}, {@code DEALER_BASE_PORT}, {@code DEALER_MONGO_PORT}, {@code DEALER_KAFKA_PORT}. */
        public static Options fromEnvironment(Map<String, String> env) {
            Options options = new Options();
            String dataDir = env.get("DEALER_DATA_DIR");
            if (dataDir != null && !dataDir.isBlank()) {
                options.dataDir(Path.of(dataDir));
            }
            options.basePort = intFromEnv(env, "DEALER_BASE_PORT", options.basePort);
            options.mongoPort = intFromEnv(env, "DEALER_MONGO_PORT", 0);
            options.kafkaPort = intFromEnv(env, "DEALER_KAFKA_PORT", 0);
            return options;
        }

        private static int intFromEnv(Map<String, String> env, String name, int fallback) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, got " + value);
            }
        }

        /** The folder with the root {@code pom.xml} and the modules' {@code target/} jars. */
        public Options repoRoot(Path repoRoot) {
            this.repoRoot = repoRoot;
            return this;
        }

        /** Where MongoDB's file, Kafka's log dirs and the logs live (default {@code <repo>/.dealer-data}). */
        public Options dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Gateway port; services follow at +1..+4; 0 = free ports for everything (see {@code --help}). */
        public Options basePort(int basePort) {
            this.basePort = basePort;
            return this;
        }

        /** MongoDB port, overriding the base-port plan (0 = follow the plan). */
        public Options mongoPort(int mongoPort) {
            this.mongoPort = mongoPort;
            return this;
        }

        /** Kafka port (the controller takes the next one), overriding the base-port plan (0 = follow the plan). */
        public Options kafkaPort(int kafkaPort) {
            this.kafkaPort = kafkaPort;
            return this;
        }

        /** Whether to load the demo data set (once per data dir). */
        public Options demoData(boolean demoData) {
            this.demoData = demoData;
            return this;
        }

        /** Wipe the data dir before starting. */
        public Options fresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        /** Whether to print the ready banner. */
        public Options banner(boolean banner) {
            this.banner = banner;
            return this;
        }

        /** Which apps to start (module names); they always start in the platform's order, the gateway last. */
        public Options appsToStart(List<String> modules) {
            List<String> ordered = new ArrayList<>();
            for (String name : AppModule.NAMES) {
                if (modules.stream().map(String::trim).anyMatch(name::equals)) {
                    ordered.add(name);
                }
            }
            for (String module : modules) {
                AppModule.of(module.trim()); // rejects unknown names
            }
            this.appsToStart = List.copyOf(ordered);
            return this;
        }

        /** Only MongoDB and Kafka, no apps (and so no demo data). */
        public Options infrastructureOnly() {
            return appsToStart(List.of());
        }

        /** Extra environment variables for one app (they win over the launcher's). */
        public Options env(String module, String name, String value) {
            AppModule.of(module);
            extraEnv.computeIfAbsent(module, m -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /** Extra environment variables for one app (they win over the launcher's). */
        public Options env(String module, Map<String, String> variables) {
            variables.forEach((name, value) -> env(module, name, value));
            return this;
        }

        /** How long one app may take to report UP (default 90 s). */
        /** REL-6: start from this backup ({@link Backups}); no demo data is loaded on top of it. */
        public Options restoreFrom(Path backup) {
            this.restoreFrom = backup;
            return this;
        }

        Path restoreFrom() {
            return restoreFrom;
        }

        public Options appStartTimeout(Duration timeout) {
            this.appStartTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        Path repoRoot() {
            return repoRoot;
        }

        Path dataDir() {
            return dataDir;
        }

        int basePort() {
            return basePort;
        }

        int mongoPort() {
            return mongoPort;
        }

        int kafkaPort() {
            return kafkaPort;
        }

        boolean demoData() {
            return demoData;
        }

        boolean fresh() {
            return fresh;
        }

        boolean banner() {
            return banner;
        }

        List<String> appsToStart() {
            return appsToStart;
        }

        Map<String, String> extraEnv(String module) {
            return extraEnv.getOrDefault(module, Map.of());
        }

        Duration appStartTimeout() {
            return appStartTimeout;
        }

        /** The repo root: the option, else the nearest folder up from the working dir with pom.xml and gateway/. */
        Path resolveRepoRoot() {
            if (repoRoot != null) {
                return repoRoot.toAbsolutePath().normalize();
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("gateway"))) {
                    return dir;
                }
            }
            throw new LaunchException("cannot find the repo root (a folder with pom.xml and gateway/) above "
                    + Path.of("").toAbsolutePath() + "; run from the repo or pass --repo-root");
        }
    }
}
