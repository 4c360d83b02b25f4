package org.crystograph.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads the Kubernetes manifests of {@code k8s/} into typed objects: fabric8's {@code kubernetes-model} for built-in
 * kinds, {@link ExtensionModels} for the rest. Unknown fields are errors: records fail through Jackson's
 * FAIL_ON_UNKNOWN_PROPERTIES, and fabric8 classes (which collect unknown fields in {@code additionalProperties}
 * instead of failing) are walked afterwards, every non-empty {@code additionalProperties} reported with its path.
 */
final class Manifests {

    /** Directory of the manifests, relative to the project root (the test working directory). */
    static final Path K8S = Path.of("k8s");

    private static final int RENDER_TIMEOUT_SECONDS = 120;

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kustomize.config.k8s.io/v1beta1/Kustomization", ExtensionModels.Kustomization.class),
            Map.entry("kustomize.config.k8s.io/v1alpha1/Component", ExtensionModels.Kustomization.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", ExtensionModels.Cluster.class),
            Map.entry("postgresql.cnpg.io/v1/ScheduledBackup", ExtensionModels.ScheduledBackup.class),
            Map.entry("keda.sh/v1alpha1/ScaledObject", ExtensionModels.ScaledObject.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", ExtensionModels.PodMonitor.class));

    private Manifests() {
    }

    /** Every YAML file under {@code k8s/}, sorted. */
    static List<Path> yamlFiles() {
        try (var files = Files.walk(K8S)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every overlay directory ({@code k8s/overlays/*}), sorted. */
    static List<Path> overlays() {
        try (var dirs = Files.list(K8S.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses every document of a file; {@code source} names it in error messages. */
    static List<Object> parseAll(String yaml, String source) {
        List<Object> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var documents = YAML.readValues(parser, JsonNode.class);
            int index = 0;
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(parse(document, source + " document " + index));
                }
                index++;
            }
        } catch (IOException e) {
            throw new AssertionError(source + ": not YAML: " + e.getMessage(), e);
        }
        return objects;
    }

    /** Parses one file. */
    static List<Object> parseFile(Path file) {
        try {
            return parseAll(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object parse(JsonNode document, String source) {
        Class<?> type;
        if (!document.has("apiVersion") && document.has("rules")) {
            type = ExtensionModels.AdapterConfig.class;
        } else {
            String key = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
            type = KINDS.get(key);
            if (type == null) {
                throw new AssertionError(source + ": no typed model for " + key);
            }
        }
        Object value;
        try {
            value = YAML.treeToValue(document, type);
        } catch (IOException e) {
            throw new AssertionError(source + ": does not match " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(value, type.getSimpleName(), unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError(source + ": unknown fields " + unknown);
        }
        return value;
    }

    /** Adds the path of every non-empty fabric8 {@code additionalProperties} map below {@code value}. */
    static void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, unknown));
            return;
        }
        if (value instanceof Optional<?> optional) {
            optional.ifPresent(v -> collectUnknownFields(v, path, unknown));
            return;
        }
        Class<?> type = value.getClass();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                try {
                    collectUnknownFields(component.getAccessor().invoke(value), path + "." + component.getName(),
                            unknown);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return;
        }
        if (!type.getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + " " + extra.keySet());
                    }
                } else {
                    collectUnknownFields(fieldValue, path + "." + field.getName(), unknown);
                }
            }
        }
    }

    /** The command that renders kustomizations here ({@code kubectl kustomize} or {@code kustomize build}), if any. */
    static Optional<List<String>> renderCommand() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Optional.of(List.of(Path.of(dir, "kubectl").toString(), "kustomize"));
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kustomize"))) {
                return Optional.of(List.of(Path.of(dir, "kustomize").toString(), "build"));
            }
        }
        return Optional.empty();
    }

    /** Renders one kustomization directory with {@code command} and returns the YAML stream. */
    static String render(List<String> command, Path directory) {
        List<String> full = new ArrayList<>(command);
        full.add(directory.toString());
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                if (!process.waitFor(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", full) + " did not finish");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", full) + " failed: " + Files.readString(err));
                }
                return Files.readString(out);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The objects of type {@code type} in {@code objects}. */
    static <T> List<T> ofType(List<Object> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The single object of type {@code type}. */
    static <T> T single(List<Object> objects, Class<T> type) {
        List<T> found = ofType(objects, type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }
}
