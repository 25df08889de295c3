package org.dealerplatform.test;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Issue 10's ratio bar, shared by the services' volume benchmarks (not a test): times each operation (a command
 * through MockMvc, one event through a listener) with a small and then a large number of records stored, and prints
 * both costs and their ratio (bar: large ÷ small ≤ 1.5). The stored records are clones, inserted in bulk, of documents
 * the service itself wrote in a warm-up round ({@link #template}, {@link #cloneUpTo}).
 */
public final class VolumeRatios {

    /** The bar: cost per operation with 100,000 stored ÷ with 1,000 stored. */
    public static final double BAR = 1.5;
    /** Each operation runs in this many consecutive chunks; the chunk of median cost is the one recorded. */
    public static final int CHUNKS = 5;

    /** One operation, run {@code index} = 0, 1, … */
    @FunctionalInterface
    public interface Operation {
        void run(int index) throws Exception;
    }

    private final String service;
    private final Map<String, double[]> costs = new LinkedHashMap<>();
    private final Map<String, double[]> cpuCosts = new LinkedHashMap<>();
    private final Map<String, long[]> gcTimes = new LinkedHashMap<>();

    public VolumeRatios(String service) {
        this.service = service;
    }

    /**
     * Runs {@code op} {@code ops} times, after a full collection, in {@value #CHUNKS} consecutive chunks, and records for
     * size {@code size} (0 small, 1 large; -1 a warm-up, not recorded) the mean cost in µs of the median chunk (a
     * machine shared with other builds stalls a chunk now and then; the median leaves that out at both sizes), the
     * same for the CPU time of the whole process (the embedded database's threads too; what other processes take from
     * the machine is not in it), and the collector's time during the whole run.
     */
    public double time(int size, String operation, int ops, Operation op) throws Exception {
        System.gc(); // at both sizes: a collection the previous operation left due is not charged to this one
        long gcBefore = gcMillis();
        double[] chunks = new double[CHUNKS];
        double[] cpuChunks = new double[CHUNKS];
        int i = 0;
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            int end = (int) ((long) ops * (chunk + 1) / CHUNKS);
            int count = Math.max(1, end - i);
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            for (; i < end; i++) {
                op.run(i);
            }
            chunks[chunk] = (System.nanoTime() - start) / 1_000.0 / count;
            cpuChunks[chunk] = (processCpuNanos() - cpu) / 1_000.0 / count;
        }
        Arrays.sort(chunks);
        Arrays.sort(cpuChunks);
        double micros = chunks[CHUNKS / 2];
        if (size >= 0) {
            costs.computeIfAbsent(operation, k -> new double[2])[size] = micros;
            cpuCosts.computeIfAbsent(operation, k -> new double[2])[size] = cpuChunks[CHUNKS / 2];
            gcTimes.computeIfAbsent(operation, k -> new long[2])[size] = gcMillis() - gcBefore;
        }
        return micros;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** One round of every operation: size -1 is the discarded warm-up, 0 the small store, 1 the large one. */
    @FunctionalInterface
    public interface Round {
        void run(int size) throws Exception;
    }

    /** Gives clone {@code i} of {@code collection}'s template keys of its own (its customer, its vehicle …). */
    @FunctionalInterface
    public interface Vary {
        void vary(String collection, Document clone, int i);
    }

    /**
     * A volume benchmark's whole course: a warm-up round (which warms the JIT up and writes the documents the seeding
     * copies) is discarded; each {@code growing} collection is filled with clones of what the warm-up wrote to
     * {@code small}, a round is timed, then to {@code large}, another round; then the ratios are printed.
     */
    public void compare(MongoTemplate mongo, List<String> growing, int small, int large, int ops, Round round,
            Vary vary) throws Exception {
        round.run(-1);
        List<Document> templates = growing.stream().map(collection -> template(mongo, collection)).toList();
        for (int[] step : new int[][] {{small, 0}, {large, 1}}) {
            for (int c = 0; c < growing.size(); c++) {
                String collection = growing.get(c);
                cloneUpTo(mongo, collection, step[0], templates.get(c), (clone, i) -> vary.vary(collection, clone, i));
            }
            round.run(step[1]);
        }
        print(small, large, ops);
    }

    /** A document the service wrote into {@code collection} (not a clone, nor a marker such as a listing's "#built"), to copy. */
    public static Document template(MongoTemplate mongo, String collection) {
        Document template = mongo.findOne(Query.query(Criteria.where("_id").not().regex("^(seed-|#)")), Document.class,
                collection);
        if (template == null) {
            throw new IllegalStateException("the warm-up round wrote nothing into " + collection);
        }
        return template;
    }

    /**
     * Inserts clones of {@code template} into {@code collection} (5,000 a bulk) until it holds {@code target}
     * documents; each clone gets {@code _id} "seed-{collection}-{i}" and then {@code vary} (clone, i) sets its own keys.
     */
    public static void cloneUpTo(MongoTemplate mongo, String collection, int target, Document template,
            BiConsumer<Document, Integer> vary) {
        long have = mongo.getCollection(collection).estimatedDocumentCount();
        List<Document> batch = new ArrayList<>();
        for (int i = (int) have; i < target; i++) {
            Document clone = new Document(template);
            clone.put("_id", "seed-" + collection + "-" + i);
            vary.accept(clone, i);
            batch.add(clone);
            if (batch.size() == 5_000) {
                mongo.insert(batch, collection);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            mongo.insert(batch, collection);
        }
    }

    /** Prints every operation's cost at both sizes and the ratios (elapsed and process CPU), marking those above the bar. */
    public void print(int small, int large, int ops) {
        System.out.println();
        System.out.printf(Locale.ROOT, "== %s cost per operation, embedded MongoDB-wire server (issue 10 ratio bar ≤ %.1f)%n",
                service, BAR);
        System.out.printf(Locale.ROOT, "   %-58s %11s %11s %6s | %11s %11s %6s | %s%n", "operation",
                String.format(Locale.ROOT, "%,d", small), String.format(Locale.ROOT, "%,d", large), "ratio",
                "CPU " + String.format(Locale.ROOT, "%,d", small), String.format(Locale.ROOT, "%,d", large), "ratio",
                "GC ms");
        costs.forEach((operation, c) -> {
            double[] cpu = cpuCosts.get(operation);
            long[] gc = gcTimes.get(operation);
            System.out.printf(Locale.ROOT, "   %-58s %8.0f µs %8.0f µs %6.2f | %8.0f µs %8.0f µs %6.2f | %d / %d%s%n", operation,
                    c[0], c[1], c[1] / c[0], cpu[0], cpu[1], cpu[1] / cpu[0], gc[0], gc[1],
                    mark(c[1] / c[0], cpu[1] / cpu[0]));
        });
        System.out.printf(Locale.ROOT, "   (per operation: %d of each, one at a time, in %d chunks, the median chunk's mean, elapsed "
                + "and the process's CPU time; after a discarded warm-up round; GC ms: the collector's time during the "
                + "operation's run)%n%n", ops, CHUNKS);
    }

    private static String mark(double elapsedRatio, double cpuRatio) {
        if (elapsedRatio > BAR && cpuRatio > BAR) {
            return "  ABOVE THE BAR";
        }
        return elapsedRatio > BAR ? "  above the bar (elapsed only)" : cpuRatio > BAR ? "  above the bar (CPU only)" : "";
    }
}
