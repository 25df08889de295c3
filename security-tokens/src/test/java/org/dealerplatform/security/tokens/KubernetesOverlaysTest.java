package org.dealerplatform.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * ECO-5: the kustomize overlays {@code ops/k8s/overlays/dev} and {@code prod}, rendered by {@link MiniKustomize} (the
 * features they use, nothing more) and loaded into the fabric8 Kubernetes model, then checked against the services'
 * own configuration (ports, health probe groups, the environment variables they read) and against the README's list
 * of Secrets the operator creates.
 */
class KubernetesOverlaysTest {

    private static final Path REPO = Path.of("..");
    private static final Path K8S = REPO.resolve("ops/k8s");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final List<String> APPS =
            List.of("gateway", "customer-service", "sales-service", "aftersales-service", "notification-service");
    private static final String NAMESPACE = "dealer-platform";
    /** Variables without which a service must not run in a cluster: each one it reads must reach its pod. */
    private static final List<String> REQUIRED =
            List.of("DEALER_MONGO_URI", "DEALER_KAFKA_BOOTSTRAP", "DEALER_JWT_JWK_SET_URI", "DEALER_JWT_ISSUER");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private static List<HasMetadata> load(List<Map<String, Object>> rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> object : rendered) {
            HasMetadata typed = SERIALIZATION.unmarshal(new Yaml().dump(object));
            objects.add(typed);
        }
        return objects;
    }

    private static List<HasMetadata> overlay(String name) throws IOException {
        return load(MiniKustomize.render(K8S.resolve("overlays").resolve(name)));
    }

    private static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
        return all(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElse(null);
    }

    @Test
    @DisplayName("ECO-5 the prod overlay renders and validates: probes, resources, HPA min 2, PDB and anti-affinity per app, external Kafka and MongoDB")
    void prodOverlay() throws IOException {
        List<HasMetadata> prod = overlay("prod");
        assertThat(problems(prod, "prod")).isEmpty();
        assertThat(all(prod, Deployment.class)).hasSize(APPS.size());
        assertThat(all(prod, PodDisruptionBudget.class)).hasSize(APPS.size());
        assertThat(all(prod, HorizontalPodAutoscaler.class)).hasSize(APPS.size());
    }

    @Test
    @DisplayName("ECO-5 the dev overlay renders and validates: one replica and smaller resources per app, HPA, no PDB")
    void devOverlay() throws IOException {
        List<HasMetadata> dev = overlay("dev");
        assertThat(problems(dev, "dev")).isEmpty();
        List<HasMetadata> prod = overlay("prod");
        for (String app : APPS) {
            Quantity devLimit = named(dev, Deployment.class, app).getSpec().getTemplate().getSpec().getContainers()
                    .get(0).getResources().getLimits().get("memory");
            Quantity prodLimit = named(prod, Deployment.class, app).getSpec().getTemplate().getSpec().getContainers()
                    .get(0).getResources().getLimits().get("memory");
            assertThat(devLimit.getNumericalAmount()).as(app).isLessThanOrEqualTo(prodLimit.getNumericalAmount());
        }
        assertThat(named(dev, ConfigMap.class, "dealer-common").getData()).containsEntry("DEALER_TOPIC_REPLICATION", "1");
    }

    @Test
    @DisplayName("ECO-5 `kubectl apply -k ops/k8s` still works: the root kustomization renders the prod overlay")
    void rootIsProd() throws IOException {
        assertThat(new Yaml().dump(MiniKustomize.render(K8S)))
                .isEqualTo(new Yaml().dump(MiniKustomize.render(K8S.resolve("overlays/prod"))));
    }

    @Test
    @DisplayName("ECO-5 the validation fails on a Deployment without a readiness probe, a dangling secret and a shipped Secret")
    void validationCatchesBrokenManifests() throws IOException {
        List<Map<String, Object>> rendered = MiniKustomize.render(K8S.resolve("overlays/prod"));
        Map<String, Object> sales = rendered.stream()
                .filter(o -> o.get("kind").equals("Deployment") && MiniKustomize.metadata(o).get("name").equals("sales-service"))
                .findFirst().orElseThrow();
        Map<String, Object> container = MiniKustomize.containers(sales).get(0);
        container.remove("readinessProbe");
        List<Map<String, Object>> env = castList(container.get("env"));
        env.add(new LinkedHashMap<>(Map.of("name", "X_TOKEN", "valueFrom",
                Map.of("secretKeyRef", Map.of("name", "undocumented", "key", "token")))));
        rendered.add(new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "dealer-mongodb", "namespace", NAMESPACE), "data", Map.of("k", "dg=="))));
        assertThat(problems(load(rendered), "prod")).anyMatch(p -> p.contains("sales-service") && p.contains("readiness"))
                .anyMatch(p -> p.contains("undocumented")).anyMatch(p -> p.contains("Secret"));
    }

    @Test
    @DisplayName("ECO-5 the renderer refuses kustomize features it does not implement instead of ignoring them")
    void rendererRefusesUnknownFeatures(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: []
                patchesStrategicMerge: [patch.yaml]
                """);
        assertThatThrownBy(() -> MiniKustomize.render(dir)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("patchesStrategicMerge");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object value) {
        return (List<Map<String, Object>>) value;
    }

    // ------------------------------------------------------------------------------------------------------------

    private static List<String> problems(List<HasMetadata> objects, String overlay) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> documentedSecrets = documentedSecrets();
        Map<String, ConfigMap> configMaps = new HashMap<>();
        all(objects, ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(), c));
        String partitions = configMaps.containsKey("dealer-common")
                ? configMaps.get("dealer-common").getData().get("DEALER_TOPIC_PARTITIONS") : null;

        for (HasMetadata object : objects) {
            String id = object.getKind() + " " + object.getMetadata().getName();
            if (object.getKind().equals("Secret")) {
                problems.add(id + ": a Secret ships with the manifests (SEC-2: the operator creates it)");
            }
            if (Set.of("StatefulSet", "DaemonSet").contains(object.getKind())) {
                problems.add(id + ": Kafka and MongoDB are external, no stateful workload belongs here");
            }
            if (!(object instanceof Namespace) && !NAMESPACE.equals(object.getMetadata().getNamespace())) {
                problems.add(id + ": not in namespace " + NAMESPACE);
            }
            Map<String, String> labels = object.getMetadata().getLabels();
            if (labels == null || !"dealer-platform".equals(labels.get("app.kubernetes.io/part-of"))) {
                problems.add(id + ": no label app.kubernetes.io/part-of=dealer-platform");
            }
        }
        if (all(objects, Namespace.class).stream().noneMatch(n -> n.getMetadata().getName().equals(NAMESPACE))) {
            problems.add("namespace " + NAMESPACE + " is not created");
        }

        assertThat(all(objects, Deployment.class).stream().map(d -> d.getMetadata().getName()))
                .containsExactlyInAnyOrderElementsOf(APPS);
        for (Deployment deployment : all(objects, Deployment.class)) {
            String app = deployment.getMetadata().getName();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            if (!matches(deployment.getSpec().getSelector(), podLabels)) {
                problems.add(app + ": the Deployment's selector does not match its pod template labels");
            }
            int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
            if (overlay.equals("dev") && replicas != 1) {
                problems.add(app + ": dev runs one replica, not " + replicas);
            }
            if (overlay.equals("prod") && replicas < 2) {
                problems.add(app + ": prod runs several replicas, not " + replicas);
            }
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String javaOptions = null;
            for (Container container : pod.getContainers()) {
                Map<String, String> environment = environment(container, configMaps, documentedSecrets, app, problems);
                javaOptions = environment.get("JAVA_TOOL_OPTIONS");
                checkImage(app, container, problems);
                checkProbes(app, container, environment, problems);
                checkResources(app, container, javaOptions, problems);
                checkApplicationReads(app, container, environment, problems);
            }
            checkService(objects, app, podLabels, problems);
            HorizontalPodAutoscaler hpa = named(objects, HorizontalPodAutoscaler.class, app);
            int minReplicas = checkHpa(app, hpa, overlay, partitions, problems);
            PodDisruptionBudget pdb = named(objects, PodDisruptionBudget.class, app);
            if (overlay.equals("prod")) {
                if (pdb == null) {
                    problems.add(app + ": no PodDisruptionBudget in prod");
                } else {
                    if (!matches(pdb.getSpec().getSelector(), podLabels)) {
                        problems.add(app + ": the PodDisruptionBudget does not select the app's pods");
                    }
                    if (pdb.getSpec().getMinAvailable() == null
                            || pdb.getSpec().getMinAvailable().getIntVal() == null
                            || pdb.getSpec().getMinAvailable().getIntVal() >= minReplicas) {
                        problems.add(app + ": the PodDisruptionBudget would block every drain at the HPA minimum");
                    }
                }
                checkAntiAffinity(app, pod, podLabels, problems);
            } else if (pdb != null) {
                problems.add(app + ": a PodDisruptionBudget with one replica blocks node drains in dev");
            }
        }
        return problems;
    }

    private static Map<String, String> environment(Container container, Map<String, ConfigMap> configMaps,
            Map<String, Set<String>> documentedSecrets, String app, List<String> problems) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                ConfigMap configMap = configMaps.get(from.getConfigMapRef().getName());
                if (configMap == null) {
                    problems.add(app + ": envFrom names a missing ConfigMap " + from.getConfigMapRef().getName());
                } else {
                    environment.putAll(configMap.getData());
                }
            } else if (from.getSecretRef() != null) {
                problems.add(app + ": envFrom a whole Secret " + from.getSecretRef().getName()
                        + " (list the keys with secretKeyRef, documented in the README)");
            }
        }
        for (EnvVar variable : container.getEnv()) {
            String name = variable.getName();
            if (variable.getValue() != null) {
                Matcher reference = REFERENCE.matcher(variable.getValue());
                while (reference.find()) {
                    if (!environment.containsKey(reference.group(1))) {
                        problems.add(app + ": " + name + " refers to $(" + reference.group(1) + ") defined nowhere before it");
                    }
                }
                environment.put(name, variable.getValue());
            } else if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                String secret = variable.getValueFrom().getSecretKeyRef().getName();
                String key = variable.getValueFrom().getSecretKeyRef().getKey();
                if (!documentedSecrets.getOrDefault(secret, Set.of()).contains(key)) {
                    problems.add(app + ": " + name + " reads Secret " + secret + " key " + key
                            + ", which ops/k8s/README.md does not tell the operator to create");
                }
                environment.put(name, "<secret " + secret + "/" + key + ">");
            } else if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
                String configMap = variable.getValueFrom().getConfigMapKeyRef().getName();
                String key = variable.getValueFrom().getConfigMapKeyRef().getKey();
                if (!configMaps.containsKey(configMap) || !configMaps.get(configMap).getData().containsKey(key)) {
                    problems.add(app + ": " + name + " reads ConfigMap " + configMap + " key " + key + ", which is not rendered");
                }
                environment.put(name, configMaps.containsKey(configMap) ? configMaps.get(configMap).getData().get(key) : null);
            } else {
                problems.add(app + ": " + name + " has neither a value nor a supported reference");
            }
        }
        return environment;
    }

    private static void checkImage(String app, Container container, List<String> problems) {
        String image = container.getImage();
        String version = projectVersion();
        if (!("dealer/" + app + ":" + version).equals(image)) {
            problems.add(app + ": image " + image + " is not the module's image dealer/" + app + ":" + version);
        }
        if (!Files.isRegularFile(REPO.resolve(app).resolve("pom.xml")) || !Files.isRegularFile(REPO.resolve("Dockerfile"))) {
            problems.add(app + ": no module to build the image from");
        }
    }

    private static void checkProbes(String app, Container container, Map<String, String> environment,
            List<String> problems) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("startup", "/actuator/health/liveness");
        expected.put("readiness", "/actuator/health/readiness");
        expected.put("liveness", "/actuator/health/liveness");
        Map<String, Probe> probes = new HashMap<>();
        probes.put("startup", container.getStartupProbe());
        probes.put("readiness", container.getReadinessProbe());
        probes.put("liveness", container.getLivenessProbe());
        String port = String.valueOf(applicationDefault(app, "SERVER_PORT"));
        if (!port.equals(environment.get("SERVER_PORT"))) {
            problems.add(app + ": SERVER_PORT " + environment.get("SERVER_PORT") + " is not the service's port " + port);
        }
        ContainerPort http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElse(null);
        if (http == null || !String.valueOf(http.getContainerPort()).equals(port)) {
            problems.add(app + ": no container port named http on " + port);
        }
        expected.forEach((kind, path) -> {
            Probe probe = probes.get(kind);
            if (probe == null || probe.getHttpGet() == null) {
                problems.add(app + ": no " + kind + " probe");
                return;
            }
            if (!path.equals(probe.getHttpGet().getPath())) {
                problems.add(app + ": " + kind + " probe on " + probe.getHttpGet().getPath() + " instead of " + path);
            }
            String probePort = probe.getHttpGet().getPort().getStrVal() != null ? probe.getHttpGet().getPort().getStrVal()
                    : String.valueOf(probe.getHttpGet().getPort().getIntVal());
            if (!probePort.equals("http") && !probePort.equals(port)) {
                problems.add(app + ": " + kind + " probe on port " + probePort);
            }
        });
        // the groups exist: the application enables the probe groups and serves actuator on its own port
        Map<String, Object> yaml = application(app);
        if (!Boolean.TRUE.equals(at(yaml, "management", "endpoint", "health", "probes", "enabled"))) {
            problems.add(app + ": application.yml does not enable management.endpoint.health.probes");
        }
        if (at(yaml, "management", "server", "port") != null) {
            problems.add(app + ": actuator runs on a separate management port; the probes use the http port");
        }
        if (!String.valueOf(at(yaml, "management", "endpoints", "web", "exposure", "include")).contains("health")) {
            problems.add(app + ": the health endpoint is not exposed over HTTP");
        }
    }

    private static void checkResources(String app, Container container, String javaOptions, List<String> problems) {
        if (container.getResources() == null || container.getResources().getRequests() == null
                || container.getResources().getLimits() == null) {
            problems.add(app + ": no resource requests and limits");
            return;
        }
        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        if (!requests.containsKey("cpu") || !requests.containsKey("memory") || !limits.containsKey("memory")) {
            problems.add(app + ": requests need cpu and memory, limits memory");
            return;
        }
        BigDecimal requested = requests.get("memory").getNumericalAmount();
        BigDecimal limit = limits.get("memory").getNumericalAmount();
        if (requested.compareTo(limit) > 0) {
            problems.add(app + ": memory request above its limit");
        }
        Matcher percent = javaOptions == null ? null
                : Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(javaOptions);
        if (percent == null || !percent.find()) {
            problems.add(app + ": the JVM heap is not sized from the container limit (-XX:MaxRAMPercentage)");
            return;
        }
        BigDecimal mib = BigDecimal.valueOf(1024 * 1024);
        BigDecimal heap = limit.multiply(new BigDecimal(percent.group(1))).divide(BigDecimal.valueOf(100));
        // at least 256 MiB of heap, and at least 128 MiB left beside it for metaspace, threads and buffers
        if (heap.compareTo(mib.multiply(BigDecimal.valueOf(256))) < 0
                || limit.subtract(heap).compareTo(mib.multiply(BigDecimal.valueOf(128))) < 0) {
            problems.add(app + ": heap " + heap.divide(mib) + " MiB does not fit a " + limit.divide(mib) + " MiB limit");
        }
    }

    /** The variables the service cannot run without reach the pod; variables set explicitly are ones it reads. */
    private static void checkApplicationReads(String app, Container container, Map<String, String> environment,
            List<String> problems) {
        Set<String> reads = applicationVariables(app);
        for (String required : REQUIRED) {
            if (reads.contains(required) && !environment.containsKey(required)) {
                problems.add(app + ": reads " + required + " but the pod does not set it");
            }
        }
        for (EnvVar variable : container.getEnv()) {
            String name = variable.getName();
            if (!reads.contains(name) && !name.startsWith("SPRING_") && !name.startsWith("JAVA_")) {
                problems.add(app + ": sets " + name + ", which the service's application*.yml never reads");
            }
        }
    }

    private static void checkService(List<HasMetadata> objects, String app, Map<String, String> podLabels,
            List<String> problems) {
        Service service = named(objects, Service.class, app);
        if (service == null) {
            problems.add(app + ": no Service");
            return;
        }
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty() || !podLabels.entrySet().containsAll(selector.entrySet())) {
            problems.add(app + ": the Service does not select the app's pods");
        }
    }

    private static int checkHpa(String app, HorizontalPodAutoscaler hpa, String overlay, String partitions,
            List<String> problems) {
        if (hpa == null) {
            problems.add(app + ": no HorizontalPodAutoscaler");
            return 1;
        }
        if (!"Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind())
                || !app.equals(hpa.getSpec().getScaleTargetRef().getName())) {
            problems.add(app + ": the HPA scales " + hpa.getSpec().getScaleTargetRef().getName());
        }
        boolean cpu = false;
        for (MetricSpec metric : hpa.getSpec().getMetrics()) {
            cpu |= "Resource".equals(metric.getType()) && "cpu".equals(metric.getResource().getName())
                    && metric.getResource().getTarget().getAverageUtilization() != null;
        }
        if (!cpu) {
            problems.add(app + ": the HPA does not scale on CPU utilisation");
        }
        int min = Objects.requireNonNullElse(hpa.getSpec().getMinReplicas(), 1);
        if (overlay.equals("prod") && min < 2) {
            problems.add(app + ": prod HPA minimum " + min + " < 2");
        }
        if (hpa.getSpec().getMaxReplicas() < min) {
            problems.add(app + ": HPA maximum below its minimum");
        }
        if (partitions == null || hpa.getSpec().getMaxReplicas() > Integer.parseInt(partitions)) {
            problems.add(app + ": HPA maximum " + hpa.getSpec().getMaxReplicas() + " above the partitions per topic "
                    + partitions + " (idle consumers)");
        }
        return min;
    }

    private static void checkAntiAffinity(String app, PodSpec pod, Map<String, String> podLabels, List<String> problems) {
        boolean spread = false;
        if (pod.getAffinity() != null && pod.getAffinity().getPodAntiAffinity() != null) {
            for (WeightedPodAffinityTerm term : pod.getAffinity().getPodAntiAffinity()
                    .getPreferredDuringSchedulingIgnoredDuringExecution()) {
                spread |= "kubernetes.io/hostname".equals(term.getPodAffinityTerm().getTopologyKey())
                        && matches(term.getPodAffinityTerm().getLabelSelector(), podLabels)
                        && term.getPodAffinityTerm().getLabelSelector().getMatchLabels().containsKey("app.kubernetes.io/name");
            }
            spread |= pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().stream()
                    .anyMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey()) && matches(t.getLabelSelector(), podLabels));
        }
        if (!spread) {
            problems.add(app + ": no pod anti-affinity over nodes on the app's own pods in prod");
        }
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())
                && labels != null && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    // --- the services' own configuration and the README -----------------------------------------------------

    private static Map<String, Object> application(String app) {
        try {
            // the first document: the settings of every profile (later ones are profile-activated)
            Object first = new Yaml().loadAll(Files.readString(REPO.resolve(app).resolve("src/main/resources/application.yml")))
                    .iterator().next();
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = (Map<String, Object>) first;
            return settings;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object applicationDefault(String app, String variable) {
        Matcher m = Pattern.compile("\\$\\{" + variable + ":([^}]*)}").matcher(text(app, "application.yml"));
        return m.find() ? m.group(1) : null;
    }

    private static Set<String> applicationVariables(String app) {
        Set<String> names = new HashSet<>();
        try (var files = Files.list(REPO.resolve(app).resolve("src/main/resources"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml")).toList()) {
                Matcher m = VARIABLE.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    private static String text(String app, String file) {
        try {
            return Files.readString(REPO.resolve(app).resolve("src/main/resources").resolve(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The release the images are tagged with: the project version of the root pom. */
    private static String projectVersion() {
        try {
            Matcher m = Pattern.compile("<artifactId>dealer-platform</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(Files.readString(REPO.resolve("pom.xml")));
            assertThat(m.find()).as("the root pom's version").isTrue();
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object at(Map<String, Object> yaml, String... path) {
        Object node = yaml;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(key);
        }
        return node;
    }

    /** The README's table of Secrets to create: rows {@code | `secret` | `key` | ... |}. */
    private static Map<String, Set<String>> documentedSecrets() throws IOException {
        String readme = Files.readString(K8S.resolve("README.md"));
        int start = readme.indexOf("## Secrets you create");
        assertThat(start).as("ops/k8s/README.md has a section 'Secrets you create'").isNotNegative();
        int end = readme.indexOf("\n## ", start + 3);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Map<String, Set<String>> secrets = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| `([A-Za-z0-9_.-]+)` \\|").matcher(section);
        while (row.find()) {
            secrets.computeIfAbsent(row.group(1), ignored -> new HashSet<>()).add(row.group(2));
        }
        return secrets;
    }
}
