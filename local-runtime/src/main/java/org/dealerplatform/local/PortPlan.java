package org.dealerplatform.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ports of one platform run. Base port 8080 (the default) keeps MongoDB on 27017 and Kafka on 9092/9093; any
 * other base port B puts the apps on B..B+4, MongoDB on B+5, Kafka on B+6 and its controller on B+7, so a second
 * platform (a test run) never meets the developer's; base port 0 picks free ports for everything. The development
 * issuer (UI-1) always sits at B+8 (8088 by default).
 */
record PortPlan(Map<AppModule, Integer> apps, int mongo, int kafka, int controller, int issuer) {

    static final int DEFAULT_BASE_PORT = 8080;
    static final int DEFAULT_MONGO_PORT = 27017;
    static final int DEFAULT_KAFKA_PORT = 9092;
    static final String HOST = "127.0.0.1";

    int app(AppModule module) {
        return apps.get(module);
    }

    /** Explicit Mongo / Kafka ports (> 0) override the plan; the controller then sits at Kafka + 1. */
    static PortPlan of(int basePort, int mongoOverride, int kafkaOverride) {
        Map<AppModule, Integer> apps = new LinkedHashMap<>();
        int mongo;
        int kafka;
        int controller;
        int issuer;
        if (basePort == 0) {
            List<Integer> free = freePorts(AppModule.values().length + 4);
            issuer = free.get(free.size() - 4);
            for (AppModule module : AppModule.values()) {
                apps.put(module, free.get(module.ordinal()));
            }
            mongo = free.get(free.size() - 3);
            kafka = free.get(free.size() - 2);
            controller = free.get(free.size() - 1);
        } else {
            if (basePort < 1024 || basePort > 65_000) {
                throw new LaunchException("base port must be 0 (free ports) or between 1024 and 65000, got " + basePort);
            }
            for (AppModule module : AppModule.values()) {
                apps.put(module, basePort + module.portOffset());
            }
            issuer = basePort + 8;
            boolean standard = basePort == DEFAULT_BASE_PORT;
            mongo = standard ? DEFAULT_MONGO_PORT : basePort + 5;
            kafka = standard ? DEFAULT_KAFKA_PORT : basePort + 6;
            controller = kafka + 1;
        }
        if (mongoOverride > 0) {
            mongo = mongoOverride;
        }
        if (kafkaOverride > 0) {
            kafka = kafkaOverride;
            controller = kafka + 1;
        }
        return new PortPlan(Map.copyOf(apps), mongo, kafka, controller, issuer);
    }

    /** Fails with a clear message when a port this run needs is taken (another platform still running?). */
    void checkFree(List<AppModule> startedApps) {
        Map<String, Integer> needed = new LinkedHashMap<>();
        needed.put("MongoDB", mongo);
        needed.put("Kafka", kafka);
        needed.put("Kafka controller", controller);
        needed.put("dev issuer", issuer);
        for (AppModule module : startedApps) {
            needed.put(module.moduleName(), app(module));
        }
        List<String> taken = new ArrayList<>();
        needed.forEach((what, port) -> {
            if (!isFree(port)) {
                taken.add(what + " " + port);
            }
        });
        if (!taken.isEmpty()) {
            throw new LaunchException("port(s) already in use: " + String.join(", ", taken)
                    + ". Is another local platform running? Stop it, or start this one elsewhere with --base-port"
                    + " <port> (or --base-port 0 for free ports).");
        }
    }

    private static boolean isFree(int port) {
        // Apps listen on all interfaces, Mongo and Kafka on 127.0.0.1: both binds must succeed.
        return canBind(new InetSocketAddress(port)) && canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Free ports below this: the kernel's ephemeral range starts at 32768 by default (see {@link #ephemeralLow}). */
    static final int FREE_PORTS_FROM = 20_000;

    /**
     * Free ports below the kernel's ephemeral range. A port that {@code bind(0)} handed out comes from that range, so an
     * outbound connection (a Kafka client, the MongoDB driver) can take it before the app binds it, and the app then
     * dies at start with "port already in use"; below the range nothing but a listener takes a port.
     */
    private static List<Integer> freePorts(int count) {
        int high = Math.min(ephemeralLow(), 32_768);
        if (high - FREE_PORTS_FROM < 1_000) {
            throw new LaunchException("no room for free ports below the ephemeral range starting at " + high
                    + "; start with --base-port <port>");
        }
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int attempt = 0; chosen.size() < count; attempt++) {
            if (attempt > 10_000) {
                throw new LaunchException("cannot find " + count + " free ports between " + FREE_PORTS_FROM + " and " + high);
            }
            int port = ThreadLocalRandom.current().nextInt(FREE_PORTS_FROM, high);
            if (!chosen.contains(port) && isFree(port)) {
                chosen.add(port);
            }
        }
        return new ArrayList<>(chosen);
    }

    /** The first port of the kernel's ephemeral range (Linux), 32768 where it cannot be read. */
    static int ephemeralLow() {
        try {
            // read by lines: procfs reports a size of 0, and a read by size can stop after the first byte
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }
}
