package org.dealerplatform.security.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.Yaml;

/**
 * ECO-5: a minimal renderer for exactly the kustomize features the manifests in {@code ops/k8s} use (kustomize and
 * kubectl are not installed in CI). Anything else in a kustomization, a patch or a target is refused with an
 * exception instead of being ignored, so a new feature cannot slip past the validation unrendered.
 * <p>
 * Per kustomization, in kustomize's order: {@code resources} (files, multi-document, or directories holding a
 * kustomization, rendered first), {@code patches} (JSON 6902 only: op add/replace/remove, target by kind and
 * optional name), {@code namespace}, {@code labels} ({@code includeSelectors: false}), {@code replicas},
 * {@code images} ({@code newName}/{@code newTag}). Duplicate kind/namespace/name is an error as in kustomize.
 */
final class MiniKustomize {

    private static final Set<String> KUSTOMIZATION_KEYS =
            Set.of("apiVersion", "kind", "namespace", "labels", "resources", "patches", "replicas", "images");

    private MiniKustomize() {
    }

    static List<Map<String, Object>> render(Path dir) throws IOException {
        Map<String, Object> k = load(dir.resolve("kustomization.yaml"));
        for (String key : k.keySet()) {
            if (!KUSTOMIZATION_KEYS.contains(key)) {
                throw new UnsupportedOperationException(dir + ": kustomization field not rendered here: " + key);
            }
        }
        if (!"Kustomization".equals(k.get("kind"))) {
            throw new IllegalStateException(dir + ": not a Kustomization");
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(k.get("resources"))) {
            Path path = dir.resolve(String.valueOf(resource)).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                for (Object doc : new Yaml().loadAll(Files.readString(path))) {
                    if (doc != null) {
                        objects.add(map(doc, path.toString()));
                    }
                }
            }
        }
        for (Object patchEntry : list(k.get("patches"))) {
            applyPatch(dir, map(patchEntry, "patch"), objects);
        }
        if (k.get("namespace") != null) {
            for (Map<String, Object> object : objects) {
                if (!"Namespace".equals(object.get("kind"))) {
                    metadata(object).put("namespace", k.get("namespace"));
                }
            }
        }
        for (Object entry : list(k.get("labels"))) {
            Map<String, Object> labels = map(entry, "labels");
            if (!Boolean.FALSE.equals(labels.get("includeSelectors"))) {
                throw new UnsupportedOperationException("labels with includeSelectors are not rendered here");
            }
            Map<String, Object> pairs = map(labels.get("pairs"), "pairs");
            for (Map<String, Object> object : objects) {
                child(metadata(object), "labels").putAll(pairs);
                Object spec = object.get("spec");
                if (Boolean.TRUE.equals(labels.get("includeTemplates")) && spec instanceof Map<?, ?> s
                        && s.get("template") instanceof Map<?, ?> template) {
                    child(child(cast(template), "metadata"), "labels").putAll(pairs);
                }
            }
        }
        for (Object entry : list(k.get("replicas"))) {
            Map<String, Object> replicas = map(entry, "replicas");
            boolean found = false;
            for (Map<String, Object> object : objects) {
                if (Set.of("Deployment", "StatefulSet").contains(object.get("kind"))
                        && replicas.get("name").equals(metadata(object).get("name"))) {
                    child(object, "spec").put("replicas", replicas.get("count"));
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalStateException(dir + ": replicas for an unknown workload " + replicas.get("name"));
            }
        }
        for (Object entry : list(k.get("images"))) {
            Map<String, Object> image = map(entry, "images");
            for (Map<String, Object> object : objects) {
                for (Map<String, Object> container : containers(object)) {
                    String current = String.valueOf(container.get("image"));
                    int slash = current.lastIndexOf('/');
                    int colon = current.indexOf(':', slash + 1);
                    String name = colon < 0 ? current : current.substring(0, colon);
                    String tag = colon < 0 ? null : current.substring(colon + 1);
                    if (name.equals(image.get("name"))) {
                        String newName = image.get("newName") != null ? String.valueOf(image.get("newName")) : name;
                        String newTag = image.get("newTag") != null ? String.valueOf(image.get("newTag")) : tag;
                        container.put("image", newTag == null ? newName : newName + ":" + newTag);
                    }
                }
            }
        }
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> object : objects) {
            String id = object.get("kind") + "/" + metadata(object).get("namespace") + "/" + metadata(object).get("name");
            if (!ids.add(id)) {
                throw new IllegalStateException(dir + ": duplicate " + id);
            }
        }
        return objects;
    }

    private static void applyPatch(Path dir, Map<String, Object> entry, List<Map<String, Object>> objects)
            throws IOException {
        for (String key : entry.keySet()) {
            if (!Set.of("target", "path", "patch").contains(key)) {
                throw new UnsupportedOperationException(dir + ": patch field not rendered here: " + key);
            }
        }
        Map<String, Object> target = map(entry.get("target"), "target");
        for (String key : target.keySet()) {
            if (!Set.of("kind", "name").contains(key)) {
                throw new UnsupportedOperationException(dir + ": patch target field not rendered here: " + key);
            }
        }
        String text = entry.get("path") != null ? Files.readString(dir.resolve(String.valueOf(entry.get("path"))))
                : String.valueOf(entry.get("patch"));
        Object ops = new Yaml().load(text);
        if (!(ops instanceof List<?> operations)) {
            throw new UnsupportedOperationException(dir + ": only JSON 6902 patches (a list of operations) are rendered");
        }
        int matched = 0;
        for (Map<String, Object> object : objects) {
            if (target.get("kind").equals(object.get("kind"))
                    && (target.get("name") == null || target.get("name").equals(metadata(object).get("name")))) {
                matched++;
                for (Object op : operations) {
                    apply(map(op, "op"), object);
                }
            }
        }
        if (matched == 0) {
            throw new IllegalStateException(dir + ": patch target matches nothing: " + target);
        }
    }

    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Object> op, Map<String, Object> object) {
        String[] tokens = String.valueOf(op.get("path")).substring(1).split("/");
        Object parent = object;
        for (int i = 0; i < tokens.length - 1; i++) {
            parent = step(parent, unescape(tokens[i]), op);
        }
        String last = unescape(tokens[tokens.length - 1]);
        String kind = String.valueOf(op.get("op"));
        Object value = copy(op.get("value"));
        if (parent instanceof Map<?, ?> m) {
            Map<String, Object> target = (Map<String, Object>) m;
            switch (kind) {
                case "add" -> target.put(last, value);
                case "replace", "remove" -> {
                    if (!target.containsKey(last)) {
                        throw new IllegalStateException(kind + " of a missing path " + op.get("path"));
                    }
                    if (kind.equals("replace")) {
                        target.put(last, value);
                    } else {
                        target.remove(last);
                    }
                }
                default -> throw new UnsupportedOperationException("JSON 6902 op not rendered here: " + kind);
            }
        } else if (parent instanceof List<?> l) {
            List<Object> target = (List<Object>) l;
            switch (kind) {
                case "add" -> target.add(last.equals("-") ? target.size() : Integer.parseInt(last), value);
                case "replace" -> target.set(Integer.parseInt(last), value);
                case "remove" -> target.remove(Integer.parseInt(last));
                default -> throw new UnsupportedOperationException("JSON 6902 op not rendered here: " + kind);
            }
        } else {
            throw new IllegalStateException("no such path " + op.get("path"));
        }
    }

    private static Object step(Object node, String token, Map<String, Object> op) {
        Object next = node instanceof Map<?, ?> m ? m.get(token)
                : node instanceof List<?> l ? l.get(Integer.parseInt(token)) : null;
        if (next == null) {
            throw new IllegalStateException("no such path " + op.get("path"));
        }
        return next;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    /** Patches applied to several objects must not share (and later mutate) one value. */
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((key, v) -> out.put(String.valueOf(key), copy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l.stream().map(MiniKustomize::copy).toList());
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Map<String, Object> object) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (object.get("spec") instanceof Map<?, ?> spec && spec.get("template") instanceof Map<?, ?> template
                && template.get("spec") instanceof Map<?, ?> podSpec) {
            for (String key : List.of("initContainers", "containers")) {
                for (Object c : list(podSpec.get(key))) {
                    out.add((Map<String, Object>) c);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> load(Path file) throws IOException {
        return map(new Yaml().load(Files.readString(file)), file.toString());
    }

    static Map<String, Object> metadata(Map<String, Object> object) {
        return child(object, "metadata");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, ignored -> new LinkedHashMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalStateException(what + ": expected a mapping, got " + value);
        }
        return (Map<String, Object>) m;
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
