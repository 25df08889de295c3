package org.dealerplatform.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/**
 * A started local platform: where its parts listen, dev tokens for calling them, and {@link #close()} which stops
 * the apps (side by side), then the broker, then MongoDB; what {@link LocalPlatform#start} hands to tests.
 */
public final class RunningPlatform implements AutoCloseable {

    /** JVM options of every app: small heap and stacks, serial GC and C1 only, because CPU and RAM are scarce. */
    /**
     * The apps that keep the C2 compiler (the rest stop at C1, which needs less memory and warms up sooner). The
     * gateway is on every request's path and costs as much CPU per proxied call as the service behind it with C1 only
     * (issue 10 profile), so it gets C2 by default; {@code -Ddealer.apps.c2=gateway,sales-service} changes the list.
     */
    static final List<String> C2_APPS = List.of(System.getProperty("dealer.apps.c2", "gateway").split(","));

    private static final String DATA_DIR_MARKER = ".local-runtime-data-dir";
    private static final String LOCK_FILE = ".lock";
    private static final Duration APP_STOP_GRACE = Duration.ofSeconds(10);
    /** An app's first run from a new build writes its class-data archive (about 70 MiB) as it stops. */
    private static final Duration ARCHIVE_WRITE_GRACE = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 40;
    private static volatile boolean shutdownRequested;

    private final LocalPlatform.Options options;
    private final long startNanos = System.nanoTime();
    private final JsonMapper json = JsonMapper.builder().build();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Map<AppModule, ChildProcess> apps = new LinkedHashMap<>();
    private final List<ChildProcess> extraInstances = new ArrayList<>();

    private Path repoRoot;
    private Path dataDir;
    private Path logsDir;
    private PortPlan ports;
    private Path watchdogJar;
    private final AppImages images = AppImages.fromSystemProperties();
    private FileChannel lockChannel;
    private FileLock lock;
    private MongoProcess mongo;
    private SmtpSink smtp;
    private DevIssuer issuer;
    private KafkaBroker broker;
    private Thread shutdownHook;
    private volatile boolean closed;
    private volatile double readySeconds = -1;

    private RunningPlatform(LocalPlatform.Options options) {
        this.options = options;
    }

    static RunningPlatform boot(LocalPlatform.Options options) {
        RunningPlatform platform = new RunningPlatform(options);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    /** True once a JVM shutdown (Ctrl-C) has begun stopping a platform. */
    static boolean shutdownRequested() {
        return shutdownRequested;
    }

    // ----------------------------------------------------------------------------------------------- start-up

    private void startAll() {
        repoRoot = options.resolveRepoRoot();
        dataDir = (options.dataDir() != null ? options.dataDir() : repoRoot.resolve(".dealer-data"))
                .toAbsolutePath().normalize();
        logsDir = dataDir.resolve("logs");
        List<AppModule> toStart = options.appsToStart().stream().map(AppModule::of).toList();
        checkJars(toStart);
        prepareDataDir();
        ports = PortPlan.of(options.basePort(), options.mongoPort(), options.kafkaPort());
        ports.checkFree(toStart);
        try {
            watchdogJar = ParentWatchdog.writeAgentJar(dataDir.resolve("run").resolve("parent-watchdog.jar"));
        } catch (IOException e) {
            throw new LaunchException("cannot write the watchdog agent jar into " + dataDir + ": " + e.getMessage(), e);
        }
        shutdownHook = new Thread(() -> {
            shutdownRequested = true;
            close();
        }, "local-platform-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Log.info("starting the dealer platform: repo %s, data dir %s", repoRoot, dataDir);

        Backups.Manifest restoring = null;
        if (options.restoreFrom() != null) {
            restoring = Backups.unpack(options.restoreFrom(), mongoFile());
            Log.info("restore: database file replaced by %s (taken %s)", options.restoreFrom(),
                    java.time.Instant.ofEpochMilli(restoring.snapshotAt()));
        }
        long step = System.nanoTime();
        // the database starts in its own process while the launcher brings up the broker; awaited after that
        MongoProcess startedMongo = launchMongo();
        synchronized (this) {
            if (closed) {
                startedMongo.close();
            }
            ensureOpen();
            mongo = startedMongo;
        }
        SmtpSink startedSmtp = SmtpSink.start(PortPlan.HOST);
        synchronized (this) {
            if (closed) {
                startedSmtp.close();
            }
            ensureOpen();
            smtp = startedSmtp;
        }
        Log.info("SMTP sink (e-mail reminders are kept in memory) on %s:%d", PortPlan.HOST, smtp.port());
        // the dev issuer makes its RSA key (about a second of CPU) while the broker starts
        CompletableFuture<DevIssuer> issuerStarting = CompletableFuture.supplyAsync(() -> {
            DevIssuer started = DevIssuer.start(PortPlan.HOST, ports.issuer());
            // UI-1: the console's sign-in returns to the gateway; only its callback may receive a code
            DevIssuer.gatewayRedirects(ports.app(AppModule.GATEWAY)).forEach(started::allowRedirect);
            return started;
        });

        step = System.nanoTime();
        try {
            KafkaBroker startedBroker = KafkaBroker.start(dataDir.resolve("kafka"), PortPlan.HOST, ports.kafka(),
                    ports.controller(), watchdogJar, logsDir.resolve("kafka.log"));
            synchronized (this) {
                if (closed) {
                    startedBroker.close();
                }
                ensureOpen();
                broker = startedBroker;
            }
        } catch (RuntimeException | Error e) {
            issuerStarting.thenAccept(DevIssuer::close);
            throw e;
        }
        DevIssuer startedIssuer = awaitIssuer(issuerStarting);
        synchronized (this) {
            if (closed) {
                startedIssuer.close();
            }
            ensureOpen();
            issuer = startedIssuer;
        }
        Log.info("dev issuer (RS256, key made now, demo users) on %s", issuer.issuer());
        Log.info("Kafka broker up on %s (controller :%d, pid %d) in %.1f s", broker.bootstrapServers(),
                ports.controller(), broker.pid(), Log.seconds(step));
        mongo.awaitReady();
        Log.info("MongoDB (embedded, H2 file, pid %d) up on %s:%d", mongo.pid(), PortPlan.HOST, mongo.port());
        if (restoring != null) {
            int fences = Backups.rewind(restoring, kafkaBootstrap(), mongoUri("admin"));
            Log.info("restore: consumer groups rewound to the backup's offsets, %d partitions fenced", fences);
        }

        startApps(toStart);
        if (options.demoData() && restoring == null && toStart.contains(AppModule.GATEWAY)) {
            new DemoData(dataDir, URI.create(gatewayUrl()), issuer.tokens(), DemoData.defaultLoaders()).load();
        }
        readySeconds = Log.seconds(startNanos);
        if (options.banner()) {
            printBanner(toStart);
        }
    }

    private void checkJars(List<AppModule> modules) {
        List<String> problems = new ArrayList<>();
        for (AppModule module : modules) {
            Path jar = jar(module);
            if (!Files.isRegularFile(jar)) {
                problems.add(repoRoot.relativize(jar) + " does not exist");
                continue;
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                if (manifest == null || manifest.getMainAttributes().getValue("Main-Class") == null) {
                    problems.add(repoRoot.relativize(jar) + " is not an executable jar (no Main-Class; the "
                            + "spring-boot-maven-plugin repackage did not run)");
                }
            } catch (IOException e) {
                problems.add(repoRoot.relativize(jar) + " is not a readable jar (" + e.getMessage() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new LaunchException(String.join("; ", problems) + ". Build the apps first: `mvn -DskipTests "
                    + "package` in " + repoRoot + " (./run-local.sh does that for you).");
        }
    }

    private Path jar(AppModule module) {
        return repoRoot.resolve(module.moduleName()).resolve("target").resolve(module.moduleName() + ".jar");
    }

    private void prepareDataDir() {
        try {
            Files.createDirectories(dataDir);
            boolean ours = Files.exists(dataDir.resolve(DATA_DIR_MARKER));
            if (options.fresh() && !ours && !isEmptyExcept(dataDir, LOCK_FILE)) {
                throw new LaunchException("refusing to wipe " + dataDir + " (--fresh): it was not created by the "
                        + "local platform (no " + DATA_DIR_MARKER + " in it)");
            }
            lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.READ);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(dataDir.resolve(LOCK_FILE)), StandardCharsets.UTF_8).trim();
                lockChannel.close();
                lockChannel = null;
                throw new LaunchException("the data dir " + dataDir + " is in use by another local platform"
                        + (holder.isEmpty() ? "" : " (launcher pid " + holder + ")")
                        + "; stop it, or use another --data-dir");
            }
            lockChannel.truncate(0);
            lockChannel.write(ByteBuffer.wrap(
                    Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            if (options.fresh()) {
                wipe(dataDir);
                Log.info("--fresh: wiped %s", dataDir);
            }
            if (!ours || options.fresh()) {
                Files.writeString(dataDir.resolve(DATA_DIR_MARKER),
                        "Data of the local dealer platform (local-runtime): MongoDB file, Kafka log dirs, logs.\n"
                                + "Safe to delete while the platform is stopped; --fresh wipes it.\n");
            }
            Files.createDirectories(logsDir);
        } catch (IOException e) {
            throw new LaunchException("cannot prepare the data dir " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmptyExcept(Path dir, String name) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.allMatch(child -> child.getFileName().toString().equals(name));
        }
    }

    private static void wipe(Path dir) throws IOException {
        List<Path> doomed;
        try (Stream<Path> walk = Files.walk(dir)) {
            doomed = walk.filter(path -> !path.equals(dir) && !path.equals(dir.resolve(LOCK_FILE)))
                    .sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : doomed) {
            Files.deleteIfExists(path);
        }
    }

    private Path mongoFile() {
        return dataDir.resolve("mongo").resolve(EmbeddedMongo.FILE_NAME);
    }

    /**
     * Launches every app at once, then waits for each to be healthy. A JVM's start-up is mostly one thread, so on two
     * cores the apps come up well before they would one after another (issue 10: ready in ≤ 45 s).
     */
    private void startApps(List<AppModule> modules) {
        images.prepare(modules.stream().map(this::jar).toList());
        long step = System.nanoTime();
        Map<AppModule, ChildProcess> launched = new LinkedHashMap<>();
        for (AppModule module : modules) {
            launched.put(module, launchOwned(module));
        }
        launched.forEach((module, child) -> {
            awaitHealthy(module, child, ports.app(module));
            Log.info("%-20s up on :%d (pid %d) %.1f s after the apps were launched", module.moduleName(),
                    ports.app(module), child.pid(), Log.seconds(step));
        });
    }

    private void startApp(AppModule module) {
        long step = System.nanoTime();
        ChildProcess child = launchOwned(module);
        awaitHealthy(module, child, ports.app(module));
        Log.info("%-20s up on :%d (pid %d) in %.1f s", module.moduleName(), ports.app(module), child.pid(),
                Log.seconds(step));
    }

    /**
     * Launches the app on its port and keeps it among the platform's apps; when the platform was closed meanwhile, the
     * app is stopped again and this throws, so that no app outlives a closed platform.
     */
    private ChildProcess launchOwned(AppModule module) {
        ChildProcess child = launchApp(module, ports.app(module), Map.of(), module.moduleName());
        synchronized (this) {
            if (closed) {
                child.stop(APP_STOP_GRACE);
            }
            ensureOpen();
            apps.put(module, child);
        }
        return child;
    }

    private ChildProcess launchApp(AppModule module, int port, Map<String, String> extra, String logName) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("SERVER_PORT", Integer.toString(port));
        if (module.database() != null) {
            env.put("DEALER_MONGO_URI", mongoUri(module.database()));
        }
        env.put("DEALER_KAFKA_BOOTSTRAP", kafkaBootstrap());
        env.put("DEALER_JWT_JWK_SET_URI", issuer.jwkSetUri());
        env.put("DEALER_JWT_ISSUER", issuer.issuer());
        if (smtp != null) {
            env.put("DEALER_SMTP_HOST", PortPlan.HOST);
            env.put("DEALER_SMTP_PORT", Integer.toString(smtp.port()));
        }
        if (module == AppModule.GATEWAY) {
            // UI-1: the console's OIDC client (the browser goes to the issuer's name, the gateway to its address)
            env.put("DEALER_CONSOLE_AUTHORIZATION_URI", issuer.authorizationEndpoint());
            env.put("DEALER_CONSOLE_TOKEN_URI", "http://" + PortPlan.HOST + ":" + issuer.port() + "/oauth2/token");
            // UI-1: the console's sessions in the shared MongoDB, so a relaunched or second gateway keeps them
            env.put("DEALER_GATEWAY_SESSIONS_MONGO_URI", mongoUri("gateway"));
            for (AppModule service : AppModule.values()) {
                if (service != AppModule.GATEWAY) {
                    env.put(service.urlVariable(), "http://" + PortPlan.HOST + ":" + ports.app(service));
                }
            }
        }
        env.putAll(options.extraEnv(module.moduleName()));
        env.putAll(extra);
        List<String> args = new ArrayList<>(appJvmOptions(module));
        AppImages.Launch launch = images.launch(logName, jar(module));
        args.addAll(launch.args());
        return ChildProcess.start(logName, watchdogJar, args, env, repoRoot, logsDir.resolve(logName + ".log"))
                .onStop(launch.writesArchive() ? ARCHIVE_WRITE_GRACE : Duration.ZERO, launch.afterStop());
    }

    private void awaitHealthy(AppModule module, ChildProcess child, int port) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + PortPlan.HOST + ":" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(3)).header("Accept", "application/json").GET().build();
        long deadline = System.nanoTime() + options.appStartTimeout().toNanos();
        String lastAnswer = "no answer (not listening yet)";
        while (true) {
            ensureOpen();
            if (!child.isAlive()) {
                String report = child.deathReport(LOG_TAIL_LINES);
                Log.info("%s", report);
                throw new LaunchException(module.moduleName() + " died while starting (exit code " + child.exitCode()
                        + "); its log: " + child.logFile());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && "UP".equals(status(response.body()))) {
                    return;
                }
                lastAnswer = response.statusCode() + " " + abbreviate(response.body());
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while waiting for " + module.moduleName(), e);
            }
            if (System.nanoTime() > deadline) {
                Log.info("%s did not report UP within %d s; last %d lines of %s:%n%s", module.moduleName(),
                        options.appStartTimeout().toSeconds(), LOG_TAIL_LINES, child.logFile(),
                        String.join(System.lineSeparator(), child.tail(LOG_TAIL_LINES)));
                throw new LaunchException(module.moduleName() + " did not report UP on :" + port + "/actuator/health"
                        + " within " + options.appStartTimeout().toSeconds() + " s (last answer: " + lastAnswer
                        + "); its log: " + child.logFile());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while waiting for " + module.moduleName(), e);
            }
        }
    }

    private String status(String body) {
        try {
            return json.readTree(body).path("status").asString("");
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }

    private void ensureOpen() {
        if (closed) {
            throw new LaunchException("the platform was stopped while starting");
        }
    }

    private void printBanner(List<AppModule> started) {
        String line = "=".repeat(78);
        Log.info("%s", line);
        Log.info("Dealer platform ready in %.1f s", readySeconds);
        if (started.contains(AppModule.GATEWAY)) {
            String tokenCurl = "curl -s -d grant_type=password -d username=nj.sales1 -d password=" + DemoUsers.PASSWORD
                    + " " + issuer.tokenEndpoint();
            Log.info("  Gateway     %s", gatewayUrl());
            Log.info("  Console     %s/console/   (sign in as hq.analyst, password %s)", gatewayUrl(),
                    DemoUsers.PASSWORD);
            Log.info("  Sign in     %s   (demo users: %s/demo-users)", tokenCurl, issuer.issuer());
            Log.info("  Try         TOKEN=$(%s | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')", tokenCurl);
            Log.info("              curl -H \"Authorization: Bearer $TOKEN\" %s/api/customers", gatewayUrl());
        }
        for (AppModule module : started) {
            if (module != AppModule.GATEWAY) {
                Log.info("  %-20s %s", module.moduleName(), serviceUrl(module.moduleName()));
            }
        }
        Log.info("  MongoDB     mongodb://%s:%d   Kafka %s", PortPlan.HOST, ports.mongo(), kafkaBootstrap());
        Log.info("  Logs        %s", logsDir);
        Log.info("  Memory      %d MiB RSS in total (%s)", rssMiB(), rssBreakdown());
        Log.info("  Stop        Ctrl-C (stops the apps, then Kafka, then MongoDB)");
        Log.info("%s", line);
    }

    private String rssBreakdown() {
        List<String> parts = new ArrayList<>();
        parts.add("launcher " + ProcessMemory.rssKiB(ProcessHandle.current().pid()) / 1024);
        MongoProcess currentMongo = mongo;
        if (currentMongo != null) {
            parts.add("mongo " + ProcessMemory.rssKiB(currentMongo.pid()) / 1024);
        }
        KafkaBroker currentBroker = broker;
        if (currentBroker != null) {
            parts.add("kafka " + ProcessMemory.rssKiB(currentBroker.pid()) / 1024);
        }
        synchronized (this) {
            apps.forEach((module, child) -> parts.add(module.moduleName() + " " + ProcessMemory.rssKiB(child.pid()) / 1024));
        }
        return String.join(", ", parts);
    }

    static List<String> appJvmOptions(AppModule module) {
        // the whole platform must fit in 2 GiB: small heaps, C1 only for most apps (a smaller code cache), serial GC.
        // -Xms: without it the heap starts at its maximum (a 64th of the machine's memory is more), and allocation soon
        // touches all of the young generation that sizes; from 32 MiB it grows only as far as the live data needs
        List<String> jvm = new ArrayList<>(List.of("-Xms32m", "-Xmx224m", "-Xss512k", "-XX:+UseSerialGC"));
        if (!C2_APPS.contains(module.moduleName())) {
            jvm.add("-XX:TieredStopAtLevel=1");
        }
        jvm.addAll(List.of("-XX:ReservedCodeCacheSize=48m", "-XX:MaxMetaspaceSize=160m"));
        if (Runtime.version().feature() >= 18) {
            jvm.add("-XX:+UseStringDeduplication"); // Java 17 supports it with G1 only and warns with SerialGC
        }
        jvm.add("-Dfile.encoding=UTF-8");
        return List.copyOf(jvm);
    }

    // ----------------------------------------------------------------------------------------------- handle API

    /** The gateway's base URL, e.g. {@code http://localhost:8080}. */
    public String gatewayUrl() {
        return serviceUrl(AppModule.GATEWAY.moduleName());
    }

    /** An app's base URL by module name ({@code customer-service}, ..., {@code gateway}). */
    public String serviceUrl(String module) {
        return "http://localhost:" + ports.app(AppModule.of(module));
    }

    /** A MongoDB connection string for one database, e.g. {@code mongodb://127.0.0.1:27017/customers}. */
    public String mongoUri(String database) {
        return "mongodb://" + PortPlan.HOST + ":" + ports.mongo() + "/" + database;
    }

    /** Kafka's {@code bootstrap.servers}. */
    public String kafkaBootstrap() {
        return PortPlan.HOST + ":" + ports.kafka();
    }

    /** A token of the dev issuer the apps trust (see {@link DevTokens#token}). */
    public String token(String sub, String branchId, String... roles) {
        return issuer.tokens().token(sub, branchId, roles);
    }

    /** The dev issuer's token minter, to sign any claims with the key the apps trust (tests' attack tokens). */
    public DevTokens devTokens() {
        return issuer.tokens();
    }

    /** The dev issuer's {@code iss}, e.g. {@code http://localhost:8088}; its token endpoint is under it. */
    public String issuerUrl() {
        return issuer.issuer();
    }

    /** Seconds from {@link LocalPlatform#start} to ready (-1 while starting). */
    public double readySeconds() {
        return readySeconds;
    }

    /** Total resident memory of the launcher JVM, MongoDB, the broker and the apps, in MiB. */
    public long rssMiB() {
        long kib = ProcessMemory.rssKiB(ProcessHandle.current().pid());
        MongoProcess currentMongo = mongo;
        if (currentMongo != null) {
            kib += ProcessMemory.rssKiB(currentMongo.pid());
        }
        KafkaBroker currentBroker = broker;
        if (currentBroker != null) {
            kib += ProcessMemory.rssKiB(currentBroker.pid());
        }
        synchronized (this) {
            for (ChildProcess child : apps.values()) {
                kib += ProcessMemory.rssKiB(child.pid());
            }
        }
        return kib / 1024;
    }

    /** The data dir in use. */
    public Path dataDir() {
        return dataDir;
    }

    /** An app's log file (or {@code kafka} for the broker's). */
    public Path logFile(String module) {
        return logsDir.resolve(module + ".log");
    }

    /**
     * The running child processes by name ({@code mongo}, {@code kafka} and each app's module name) with their pids, for
     * the load harness's CPU accounting (issue 10: the CPU each process spends per operation).
     */
    public synchronized Map<String, Long> processIds() {
        Map<String, Long> pids = new LinkedHashMap<>();
        apps.forEach((module, child) -> {
            if (child.isAlive()) {
                pids.put(module.moduleName(), child.pid());
            }
        });
        if (mongo != null && mongo.isAlive()) {
            pids.put("mongo", mongo.pid());
        }
        if (broker != null && broker.process().isAlive()) {
            pids.put("kafka", broker.pid());
        }
        return pids;
    }

    /** Pids of the child processes (MongoDB, broker and apps) that are still running, for tests. */
    public synchronized List<Long> childPids() {
        List<Long> pids = new ArrayList<>();
        if (mongo != null && mongo.isAlive()) {
            pids.add(mongo.pid());
        }
        if (broker != null && broker.process().isAlive()) {
            pids.add(broker.pid());
        }
        apps.values().stream().filter(ChildProcess::isAlive).forEach(child -> pids.add(child.pid()));
        return pids;
    }

    // ----------------------------------------------------------------------------------------------- faults (REL-5)

    /** The H2 file of the database (copy it only while the database is stopped). */
    public Path mongoDataFile() {
        return mongoFile();
    }

    /** The database process's pid, or -1 while it is not running. */
    public synchronized long mongoPid() {
        return mongo != null && mongo.isAlive() ? mongo.pid() : -1;
    }

    /** Stops the database with SIGTERM (it closes and commits its file); the apps stay up and retry. */
    public void stopMongo() {
        MongoProcess current = runningMongo();
        if (current != null) {
            current.close();
        }
    }

    /** {@code kill -9} of the database process: no shutdown, the file as the last commit left it. */
    public void killMongo() {
        MongoProcess current = runningMongo();
        if (current != null) {
            current.kill();
        }
    }

    private synchronized MongoProcess runningMongo() {
        ensureOpen();
        return mongo;
    }

    private synchronized KafkaBroker runningBroker() {
        ensureOpen();
        return broker;
    }

    /** Starts the database process on the platform's port and file (not awaited). */
    private MongoProcess launchMongo() {
        return MongoProcess.launch(mongoFile(), PortPlan.HOST, ports.mongo(), watchdogJar, logsDir.resolve("mongo.log"));
    }

    /** Starts the database again on the same port and file after {@link #stopMongo} or {@link #killMongo}. */
    public void startMongo() {
        synchronized (this) {
            ensureOpen();
            if (mongo != null && mongo.isAlive()) {
                throw new IllegalStateException("MongoDB is running (pid " + mongo.pid() + ")");
            }
        }
        MongoProcess started = launchMongo();
        synchronized (this) {
            mongo = started;
        }
        started.awaitReady();
    }

    /**
     * REL-6: a consistent backup of the running platform into {@code target} (the same as {@code local-runtime.jar
     * backup}); writes wait while the database file is copied.
     */
    public Backups.Manifest backup(Path target) {
        ensureOpen();
        return Backups.backup(mongoUri("admin"), kafkaBootstrap(), target);
    }

    /**
     * REL-6: restores {@code backup} into this platform the way {@code --restore} does at start: stops the apps and the
     * database, replaces the database file, rewinds the consumer groups and fences the partitions, and starts the
     * database and the apps again (returns once they report UP).
     */
    public void restore(Path backup) {
        List<AppModule> running;
        synchronized (this) {
            ensureOpen();
            running = apps.entrySet().stream().filter(e -> e.getValue().isAlive()).map(Map.Entry::getKey).toList();
        }
        List<ChildProcess> extras;
        synchronized (this) {
            extras = new ArrayList<>(extraInstances);
        }
        // all at once: nothing else runs while the platform is being restored
        List<Thread> stopping = new ArrayList<>();
        extras.forEach(extra -> stopping.add(new Thread(() -> stopChild(extra.name(), extra, APP_STOP_GRACE))));
        for (AppModule module : running) {
            ChildProcess child = apps.get(module);
            stopping.add(new Thread(() -> stopChild(module.moduleName(), child, APP_STOP_GRACE)));
        }
        stopping.forEach(Thread::start);
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while stopping the apps for the restore", e);
            }
        }
        stopMongo();
        Backups.Manifest manifest = Backups.unpack(backup, mongoFile());
        startMongo();
        int fences = Backups.rewind(manifest, kafkaBootstrap(), mongoUri("admin"));
        Log.info("restore: %s, %d partitions fenced; starting %s", backup, fences, running);
        startApps(running);
    }

    private static DevIssuer awaitIssuer(CompletableFuture<DevIssuer> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new LaunchException("the dev issuer did not start: " + e.getCause(), e.getCause());
        }
    }

    /** The broker's pid, or -1 while it is not running. */
    public synchronized long brokerPid() {
        return broker != null && broker.process().isAlive() ? broker.pid() : -1;
    }

    /** {@code kill -9} of the broker. */
    public void killBroker() {
        KafkaBroker current = runningBroker();
        if (current != null) {
            current.process().kill();
        }
    }

    /** Starts the broker again on the same ports and log dirs; returns once it answers. */
    public void startBroker() {
        synchronized (this) {
            ensureOpen();
            if (broker != null && broker.process().isAlive()) {
                throw new IllegalStateException("the broker is running (pid " + broker.pid() + ")");
            }
        }
        KafkaBroker started = KafkaBroker.start(dataDir.resolve("kafka"), PortPlan.HOST, ports.kafka(),
                ports.controller(), watchdogJar, logsDir.resolve("kafka.log"));
        synchronized (this) {
            broker = started;
        }
    }

    /** An app's pid, or -1 while it is not running. */
    public synchronized long appPid(String module) {
        ChildProcess child = apps.get(AppModule.of(module));
        return child != null && child.isAlive() ? child.pid() : -1;
    }

    /** {@code kill -9} of an app. */
    public void killApp(String module) {
        ChildProcess child;
        synchronized (this) {
            ensureOpen();
            child = apps.get(AppModule.of(module));
        }
        if (child != null) {
            child.kill();
        }
    }

    /** Starts an app again on its port (the way the launcher started it); returns once it reports UP. */
    public void restartApp(String module) {
        AppModule app = AppModule.of(module);
        synchronized (this) {
            ensureOpen();
            ChildProcess child = apps.get(app);
            if (child != null && child.isAlive()) {
                throw new IllegalStateException(module + " is running (pid " + child.pid() + ")");
            }
        }
        startApp(app);
    }

    /**
     * A second instance of a service on {@code port}: same database, same consumer groups and job locks as the first,
     * not behind the gateway; returns once it reports UP. The caller stops or kills it ({@link Instance}); the
     * platform's {@link #close()} stops it too.
     */
    public Instance startSecondInstance(String module, int port, Map<String, String> env) {
        AppModule app = AppModule.of(module);
        Map<String, String> extra = new LinkedHashMap<>(env);
        extra.put("SERVER_PORT", Integer.toString(port));
        ChildProcess child = launchApp(app, port, extra, module + "-2");
        synchronized (this) {
            if (closed) {
                child.stop(APP_STOP_GRACE);
            }
            ensureOpen();
            extraInstances.add(child);
        }
        awaitHealthy(app, child, port);
        return new Instance(child);
    }

    /** A second instance of a service ({@link #startSecondInstance}). */
    public static final class Instance {
        private final ChildProcess child;

        private Instance(ChildProcess child) {
            this.child = child;
        }

        public long pid() {
            return child.pid();
        }

        /** {@code kill -9}. */
        public void kill() {
            child.kill();
        }

        public boolean isAlive() {
            return child.isAlive();
        }
    }

    /** Blocks until {@link #close()} has finished (how {@code main} waits for Ctrl-C). */
    public void awaitClosed() {
        try {
            closedLatch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the apps (side by side), then the broker, then MongoDB; idempotent. */
    @Override
    public void close() {
        List<Map.Entry<AppModule, ChildProcess>> toStop;
        List<ChildProcess> extras;
        KafkaBroker brokerToStop;
        MongoProcess mongoToStop;
        SmtpSink smtpToStop;
        DevIssuer issuerToStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayList<>(apps.entrySet());
            extras = new ArrayList<>(extraInstances);
            brokerToStop = broker;
            mongoToStop = mongo;
            smtpToStop = smtp;
            issuerToStop = issuer;
        }
        try {
            boolean anything = !toStop.isEmpty() || brokerToStop != null || mongoToStop != null;
            if (anything) {
                Log.info("stopping the dealer platform");
            }
            // side by side: an app's first run from a new build writes its class-data archive as it stops (seconds each)
            List<Thread> stopping = new ArrayList<>();
            extras.forEach(extra -> stopping.add(new Thread(() -> stopChild(extra.name(), extra, APP_STOP_GRACE))));
            toStop.forEach(entry -> stopping.add(new Thread(() -> stopChild(entry.getKey().moduleName(), entry.getValue(),
                    APP_STOP_GRACE))));
            stopping.forEach(Thread::start);
            for (Thread thread : stopping) {
                joinUninterruptibly(thread);
            }
            if (smtpToStop != null) {
                smtpToStop.close();
            }
            if (issuerToStop != null) {
                issuerToStop.close();
            }
            if (brokerToStop != null) {
                long step = System.nanoTime();
                brokerToStop.close();
                Log.info("stopped kafka (%.1f s)", Log.seconds(step));
            }
            if (mongoToStop != null) {
                long step = System.nanoTime();
                mongoToStop.close();
                Log.info("stopped MongoDB (%.1f s)", Log.seconds(step));
            }
        } finally {
            images.close();
            releaseLock();
            removeShutdownHook();
            closedLatch.countDown();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // keep stopping: a half-stopped platform is worse than a slow stop
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopChild(String name, ChildProcess child, Duration grace) {
        if (!child.isAlive()) {
            return;
        }
        long step = System.nanoTime();
        boolean graceful = child.stop(grace);
        Log.info(graceful ? "stopped %s (%.1f s)" : "killed %s: it did not stop within %.0f s", name,
                graceful ? Log.seconds(step) : (double) grace.toSeconds());
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }

    private void removeShutdownHook() {
        Thread hook = shutdownHook;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already shutting down: the hook runs (or ran) and finds the platform closed
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RunningPlatform[gateway :%s, mongo :%d, kafka :%d, data %s]",
                ports == null ? "?" : ports.app(AppModule.GATEWAY), ports == null ? 0 : ports.mongo(),
                ports == null ? 0 : ports.kafka(), dataDir);
    }
}
