package org.dealerplatform.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * REL-6: a backup of the running local platform, and its restore.
 *
 * <p><b>Backup</b> ({@code java -jar local-runtime/target/local-runtime.jar backup --to FILE}): first every consumer
 * group's committed offsets are read from the broker; then the database process copies its whole file (every
 * service's database) as of one instant, {@code snapshotAt}; writes wait only while that snapshot is taken, not while
 * it is copied (DurableH2Backend). The file, the offsets and {@code snapshotAt} go into one zip.
 *
 * <p><b>Restore</b> ({@code --restore FILE} when starting the platform): the database file is replaced by the
 * backup's; before the apps start, every consumer group is rewound to its offsets of the backup, and each service's
 * database gets a <i>restore fence</i> per topic partition: records below today's end offset whose timestamp is after
 * {@code snapshotAt} are skipped by the consumers (the platform's {@code RestoreFences}). Why this is consistent:
 * <ul>
 * <li>a record the relay sent at or before {@code snapshotAt} comes from a write the copy holds (the relay sends only
 * committed events); the consumers read it again from the rewound offsets: applied if its effect missed the copy,
 * recognised as a duplicate if not;</li>
 * <li>a record sent after {@code snapshotAt} comes either from a write after the copy (skipped: the restored source no
 * longer has it) or from an event still pending in the copy's outbox (skipped here, and sent again by the restored
 * relay at a new offset, above the fence);</li>
 * <li>records below the rewound offsets were applied before the offsets were read, so before the copy.</li>
 * </ul>
 * The broker must be the one the backup was taken with (its cluster id is checked): with a fresh broker the roll-up's
 * per-partition offset marks would be above the new topics' offsets, so the restore refuses.
 */
public final class Backups {

    /** The zip entry holding the database file. */
    static final String DATABASE_ENTRY = EmbeddedMongo.FILE_NAME;
    /** The zip entry holding {@link Manifest} as JSON. */
    static final String MANIFEST_ENTRY = "backup.json";
    /** The collection each service reads its fences from (the platform's {@code RestoreFences}). */
    public static final String FENCES = "restore_fences";
    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Backups() {
    }

    /**
     * What a backup holds besides the database file.
     *
     * @param snapshotAt epoch millis of the database copy
     * @param clusterId  the broker's cluster id
     * @param offsets    consumer group → "topic:partition" → committed offset, read before the copy
     */
    public record Manifest(long snapshotAt, String clusterId, Map<String, Map<String, Long>> offsets) {
    }

    /** Backs up the platform whose database answers at {@code mongoAdminUri} and broker at {@code bootstrap}. */
    public static Manifest backup(String mongoAdminUri, String bootstrap, Path target) {
        Map<String, Map<String, Long>> offsets = new TreeMap<>();
        String clusterId;
        try (Admin admin = admin(bootstrap)) {
            clusterId = admin.describeCluster().clusterId().get();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                Map<String, Long> byPartition = new TreeMap<>();
                committed.forEach((partition, offset) -> {
                    if (offset != null) {
                        byPartition.put(partition.topic() + ":" + partition.partition(), offset.offset());
                    }
                });
                offsets.put(group.groupId(), byPartition);
            }
        } catch (ExecutionException e) {
            throw new LaunchException("cannot read the consumer offsets from " + bootstrap + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted", e);
        }
        Path absolute = target.toAbsolutePath();
        Path copy = absolute.resolveSibling(absolute.getFileName() + ".database.zip");
        long snapshotAt;
        try (MongoClient client = MongoClients.create(mongoAdminUri)) {
            Document answer = client.getDatabase("admin").runCommand(
                    new Document(DurableH2Backend.BACKUP_COMMAND, copy.toString()));
            snapshotAt = ((Number) answer.get("snapshotAt")).longValue();
        }
        Manifest manifest = new Manifest(snapshotAt, clusterId, offsets);
        try {
            Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial));
                    ZipInputStream in = new ZipInputStream(Files.newInputStream(copy))) {
                out.putNextEntry(new ZipEntry(MANIFEST_ENTRY));
                out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                out.closeEntry();
                if (in.getNextEntry() == null) {
                    throw new IOException("the database copy " + copy + " is empty");
                }
                out.putNextEntry(new ZipEntry(DATABASE_ENTRY));
                in.transferTo(out);
                out.closeEntry();
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            throw new LaunchException("cannot write the backup " + absolute + ": " + e.getMessage(), e);
        }
        return manifest;
    }

    /**
     * Restore, step 1 (the database process stopped): replaces {@code databaseFile} by the backup's (the file it
     * replaces is kept beside it as {@code .before-restore}, with its write journal).
     */
    static Manifest unpack(Path backup, Path databaseFile) {
        Manifest manifest = null;
        boolean database = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(backup))) {
            Files.createDirectories(databaseFile.toAbsolutePath().getParent());
            Path partial = databaseFile.resolveSibling(databaseFile.getFileName() + ".restoring");
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (MANIFEST_ENTRY.equals(entry.getName())) {
                    manifest = manifest(JSON.readTree(in.readAllBytes()));
                } else if (DATABASE_ENTRY.equals(entry.getName())) {
                    try (OutputStream out = Files.newOutputStream(partial)) {
                        in.transferTo(out);
                    }
                    database = true;
                }
            }
            if (manifest == null || !database) {
                Files.deleteIfExists(partial);
                throw new LaunchException(backup + " is not a backup of the local platform (no " + MANIFEST_ENTRY
                        + " or no " + DATABASE_ENTRY + " in it)");
            }
            Path before = databaseFile.resolveSibling(databaseFile.getFileName() + ".before-restore");
            if (Files.exists(databaseFile)) {
                Files.move(databaseFile, before, StandardCopyOption.REPLACE_EXISTING);
            }
            // the replaced file's journal goes with it: its writes are not the backup's
            Path journal = WriteJournal.fileOf(databaseFile);
            if (Files.exists(journal)) {
                Files.move(journal, WriteJournal.fileOf(before), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, databaseFile, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LaunchException("cannot restore " + backup + ": " + e.getMessage(), e);
        }
        return manifest;
    }

    /**
     * Restore, step 2 (broker and database up, apps not started): rewinds every consumer group to the backup's
     * offsets (groups the backup does not know are deleted, so they start from the beginning) and writes the restore
     * fences into every service database. Returns the number of fences written per database.
     */
    static int rewind(Manifest manifest, String bootstrap, String mongoAdminUri) {
        Map<String, Long> endOffsets = new TreeMap<>();
        try (Admin admin = admin(bootstrap)) {
            String clusterId = admin.describeCluster().clusterId().get();
            if (!clusterId.equals(manifest.clusterId())) {
                throw new LaunchException("the backup was taken with another Kafka broker (cluster " + manifest.clusterId()
                        + ", this one is " + clusterId + "). Restore needs the broker the backup was taken with (the "
                        + "data dir's kafka/ folder): with a fresh broker HQ's roll-up would ignore new sales");
            }
            List<String> present = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .toList();
            for (String group : present) {
                Map<String, Long> saved = manifest.offsets().get(group);
                if (saved == null) {
                    admin.deleteConsumerGroups(List.of(group)).all().get();
                    Log.info("restore: consumer group %s is newer than the backup; deleted (it reads from the start)", group);
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
                saved.forEach((key, offset) -> rewound.put(partition(key), new OffsetAndMetadata(offset)));
                // partitions the group first committed after the backup: back to their start
                Map<TopicPartition, OffsetSpec> unsaved = new HashMap<>();
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().keySet().stream()
                        .filter(p -> !rewound.containsKey(p)).forEach(p -> unsaved.put(p, OffsetSpec.earliest()));
                if (!unsaved.isEmpty()) {
                    admin.listOffsets(unsaved).all().get().forEach((p, start) -> rewound.put(p,
                            new OffsetAndMetadata(start.offset())));
                }
                if (!rewound.isEmpty()) {
                    admin.alterConsumerGroupOffsets(group, rewound).all().get();
                }
            }
            List<String> topics = admin.listTopics().names().get().stream().sorted().toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                        OffsetSpec.latest()));
            }
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end
                    : admin.listOffsets(latest).all().get().entrySet()) {
                endOffsets.put(end.getKey().topic() + ":" + end.getKey().partition(), end.getValue().offset());
            }
        } catch (ExecutionException e) {
            throw new LaunchException("cannot rewind the consumer groups at " + bootstrap + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted", e);
        }
        String restoredAt = Instant.now().toString();
        List<Document> fences = new ArrayList<>();
        endOffsets.forEach((key, end) -> {
            TopicPartition partition = partition(key);
            fences.add(new Document("_id", restoredAt + "/" + key).append("topic", partition.topic())
                    .append("partition", partition.partition()).append("upTo", end)
                    .append("skipAfter", manifest.snapshotAt()).append("restoredAt", restoredAt));
        });
        try (MongoClient client = MongoClients.create(mongoAdminUri)) {
            for (String database : client.listDatabaseNames()) {
                if (!SYSTEM_DATABASES.contains(database) && !fences.isEmpty()) {
                    client.getDatabase(database).getCollection(FENCES).insertMany(
                            fences.stream().map(Document::new).toList());
                }
            }
        }
        return fences.size();
    }

    private static TopicPartition partition(String key) {
        int colon = key.lastIndexOf(':');
        return new TopicPartition(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1)));
    }

    private static Manifest manifest(JsonNode json) {
        Map<String, Map<String, Long>> offsets = new LinkedHashMap<>();
        json.path("offsets").properties().forEach(group -> {
            Map<String, Long> byPartition = new LinkedHashMap<>();
            group.getValue().properties().forEach(p -> byPartition.put(p.getKey(), p.getValue().asLong()));
            offsets.put(group.getKey(), byPartition);
        });
        return new Manifest(json.path("snapshotAt").asLong(), json.path("clusterId").asString(), offsets);
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** For tests: reads a backup's manifest. */
    static Manifest readManifest(Path backup) {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(backup))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (MANIFEST_ENTRY.equals(entry.getName())) {
                    return manifest(JSON.readTree(in.readAllBytes()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException(backup + " has no " + MANIFEST_ENTRY);
    }
}
