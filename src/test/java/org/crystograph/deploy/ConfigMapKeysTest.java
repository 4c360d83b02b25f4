package org.crystograph.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code CRYSTOGRAPH_*} setting in the Kubernetes ConfigMaps names a real property of one of the application's
 * {@code @ConfigMapping} interfaces (as an environment variable: {@code crystograph.serving.max-batch-size} is
 * {@code CRYSTOGRAPH_SERVING_MAX_BATCH_SIZE}), so a renamed or misspelt setting fails here instead of being silently
 * ignored by the running service. A key whose group ({@code crystograph.serving}) has no mapping in this build is
 * reported as skipped, with the reason.
 */
class ConfigMapKeysTest {

    private static final String PREFIX = "CRYSTOGRAPH_";
    private static final Path CLASSES = Path.of("target/classes");

    @TestFactory
    Stream<DynamicTest> everyCrystographKeyOfTheConfigMaps_isAConfigMappingProperty() throws IOException {
        Map<String, Set<String>> groups = configMappingEnvNames();
        Set<String> keys = new TreeSet<>();
        for (Path file : List.of(Path.of("k8s/base/configmap.yaml"), Path.of("k8s/overlays/gpu/configmap-gpu.yaml"))) {
            ConfigMap map = Manifests.single(Manifests.parseFile(file), ConfigMap.class);
            map.getData().keySet().stream().filter(k -> k.startsWith(PREFIX)).forEach(keys::add);
        }
        assertThat(keys).isNotEmpty();
        return keys.stream().map(key -> DynamicTest.dynamicTest(key, () -> {
            String group = groups.keySet().stream().filter(key::startsWith).findFirst().orElse(null);
            Assumptions.assumeTrue(group != null,
                    key + ": no @ConfigMapping in this build has its prefix (known: " + groups.keySet() + ")");
            assertThat(groups.get(group)).as("properties of " + group).contains(key);
        }));
    }

    @Test
    void envName_followsSmallRyeMapping() {
        assertThat(envName("crystograph.serving", "maxBatchSize")).isEqualTo("CRYSTOGRAPH_SERVING_MAX_BATCH_SIZE");
        assertThat(envName("crystograph.model", "warmUp")).isEqualTo("CRYSTOGRAPH_MODEL_WARM_UP");
    }

    /** Environment-variable prefix ("CRYSTOGRAPH_SERVING_") -> environment names of the mapping's properties. */
    static Map<String, Set<String>> configMappingEnvNames() throws IOException {
        Map<String, Set<String>> groups = new TreeMap<>();
        for (Class<?> type : compiledClasses()) {
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (mapping == null || !mapping.prefix().startsWith("crystograph.")) {
                continue;
            }
            Set<String> names = groups.computeIfAbsent(envName(mapping.prefix(), ""), k -> new TreeSet<>());
            for (Method method : type.getMethods()) {
                if (Modifier.isAbstract(method.getModifiers()) && method.getParameterCount() == 0) {
                    WithName named = method.getAnnotation(WithName.class);
                    names.add(named != null ? envName(mapping.prefix(), "") + envSegment(named.value())
                            : envName(mapping.prefix(), method.getName()));
                }
            }
        }
        return groups;
    }

    /** The environment variable of {@code prefix + "." + kebab(method)}; with an empty method, the prefix + "_". */
    static String envName(String prefix, String method) {
        String kebab = method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return envSegment(prefix) + "_" + envSegment(kebab);
    }

    private static String envSegment(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static List<Class<?>> compiledClasses() throws IOException {
        List<Class<?>> classes = new ArrayList<>();
        try (var files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    classes.add(Class.forName(name, false, ConfigMapKeysTest.class.getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    // generated or optional classes that do not load outside Quarkus are not configuration
                }
            }
        }
        return classes;
    }
}
