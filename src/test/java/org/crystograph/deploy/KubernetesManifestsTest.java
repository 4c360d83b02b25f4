package org.crystograph.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.crystograph.deploy.ExtensionModels.AdapterConfig;
import org.crystograph.deploy.ExtensionModels.Cluster;
import org.crystograph.deploy.ExtensionModels.Kustomization;
import org.crystograph.deploy.ExtensionModels.ScaledObject;
import org.crystograph.inference.ServingMetrics;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.crystograph.testing.Prerequisites;

/**
 * The deployment files in {@code k8s/} parse into the typed Kubernetes model with no unknown field, every overlay
 * renders with {@code kubectl kustomize}, and the rendered objects keep the contract with the service and the build:
 * probe paths and port, image name, autoscaler metric, security context, network policy, database wiring.
 */
class KubernetesManifestsTest {

    /** Health endpoints of quarkus-smallrye-health under the default non-application root. */
    static final String LIVENESS_PATH = "/q/health/live";
    static final String READINESS_PATH = "/q/health/ready";
    static final String STARTUP_PATH = "/q/health/started";
    /** Micrometer's Prometheus endpoint under the default non-application root. */
    static final String METRICS_PATH = "/q/metrics";

    private static final String POSTGRES_PORT = "5432";
    private static final String DNS_PORT = "53";
    private static final String GPU_RESOURCE = "nvidia.com/gpu";

    // ---- every file, raw -------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyYamlFile_parsesIntoTypedModel_withoutUnknownFields() {
        List<Path> files = Manifests.yamlFiles();
        assertThat(files).hasSizeGreaterThan(10);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            List<Object> objects = Manifests.parseFile(file);
            assertThat(objects).as(file + " holds objects").isNotEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyKustomization_referencesFilesThatExist() {
        return Manifests.yamlFiles().stream().filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                .map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
                    Kustomization k = Manifests.single(Manifests.parseFile(file), Kustomization.class);
                    Path dir = file.getParent();
                    Stream.of(k.resources(), k.components()).filter(l -> l != null).flatMap(List::stream)
                            .forEach(r -> assertThat(dir.resolve(r)).as(file + " -> " + r).exists());
                    if (k.patches() != null) {
                        k.patches().stream().filter(p -> p.path() != null)
                                .forEach(p -> assertThat(dir.resolve(p.path())).as(file + " -> " + p.path())
                                        .isRegularFile());
                    }
                }));
    }

    @Test
    void misspeltField_isRejected_inFabric8Objects() {
        String typo = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          readinesProbe:
                            httpGet: {path: /q/health/ready, port: 8080}
                """;
        assertThatThrownBy(() -> Manifests.parseAll(typo, "typo")).hasMessageContaining("readinesProbe");
    }

    @Test
    void misspeltField_isRejected_inCustomResources() {
        String typo = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db}
                spec:
                  instances: 3
                  postgresql:
                    synchronous: {method: any, numbr: 1}
                """;
        assertThatThrownBy(() -> Manifests.parseAll(typo, "typo")).hasMessageContaining("numbr");
    }

    @Test
    void unknownKind_isRejected() {
        String unknown = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n";
        assertThatThrownBy(() -> Manifests.parseAll(unknown, "unknown")).hasMessageContaining("no typed model");
    }

    // ---- the raw base: checks that need no kustomize -----------------------------------------------------------------

    @Test
    void baseDeployment_honoursTheServiceContract() {
        List<Object> base = Stream.of("deployment.yaml", "service.yaml", "configmap.yaml", "networkpolicy.yaml",
                "horizontalpodautoscaler.yaml", "poddisruptionbudget.yaml")
                .flatMap(f -> Manifests.parseFile(Manifests.K8S.resolve("base").resolve(f)).stream()).toList();
        checkServiceContract(base);
    }

    // ---- the rendered overlays ---------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyOverlay_rendersAndHonoursTheContract() {
        var command = Manifests.renderCommand();
        Prerequisites.require(command.isPresent(),
                "neither kubectl nor kustomize is on the PATH: overlays not rendered (raw files are still checked)");
        return Manifests.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay.toString(), () -> {
            List<Object> objects = Manifests.parseAll(Manifests.render(command.get(), overlay), overlay.toString());
            checkServiceContract(objects);
            checkRenderedOverlay(overlay.getFileName().toString(), objects);
        }));
    }

    @Test
    void renderedGpuOverlay_hasFewerReplicasThanCpu() {
        var command = Manifests.renderCommand();
        Prerequisites.require(command.isPresent(), "neither kubectl nor kustomize is on the PATH");
        int cpuMax = maxReplicas(Manifests.parseAll(
                Manifests.render(command.get(), Manifests.K8S.resolve("overlays/cpu")), "cpu"));
        int gpuMax = maxReplicas(Manifests.parseAll(
                Manifests.render(command.get(), Manifests.K8S.resolve("overlays/gpu")), "gpu"));
        assertThat(gpuMax).isLessThan(cpuMax);
    }

    @Test
    void cloudNativePgBackupComponent_addsBackupsToTheCluster() throws java.io.IOException {
        var command = Manifests.renderCommand();
        Prerequisites.require(command.isPresent(), "neither kubectl nor kustomize is on the PATH");
        // a throw-away kustomization under target/ that adds the component to the cloudnative-pg overlay
        Path dir = Files.createDirectories(Path.of("target/kustomize-backup-check"));
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: crystograph
                resources:
                  - ../../k8s/overlays/cloudnative-pg
                components:
                  - ../../k8s/components/cloudnative-pg-backup
                """);
        List<Object> objects = Manifests.parseAll(Manifests.render(command.get(), dir), dir.toString());
        checkServiceContract(objects);
        Cluster cluster = Manifests.single(objects, Cluster.class);
        var backup = cluster.spec().backup();
        assertThat(backup.retentionPolicy()).matches("\\d+[dwm]");
        assertThat(backup.barmanObjectStore().destinationPath()).startsWith("s3://");
        assertThat(backup.barmanObjectStore().s3Credentials().accessKeyId().name())
                .isEqualTo(backup.barmanObjectStore().s3Credentials().secretAccessKey().name());
        var scheduled = Manifests.single(objects, ExtensionModels.ScheduledBackup.class);
        assertThat(scheduled.spec().cluster().name()).isEqualTo(cluster.metadata().getName());
        assertThat(scheduled.spec().method()).isEqualTo("barmanObjectStore");
        assertThat(scheduled.spec().schedule().split(" ")).as("six-field cron, seconds first").hasSize(6);
        assertThat(scheduled.metadata().getNamespace()).isEqualTo(cluster.metadata().getNamespace());
    }

    private static int maxReplicas(List<Object> objects) {
        return Manifests.single(objects, HorizontalPodAutoscaler.class).getSpec().getMaxReplicas();
    }

    // ---- the Prometheus Adapter rule ---------------------------------------------------------------------------------

    @Test
    void prometheusAdapterRule_servesTheExportedGaugeUnderTheHpaMetricName() {
        AdapterConfig config = Manifests.single(
                Manifests.parseFile(Manifests.K8S.resolve("monitoring/prometheus-adapter-rules.yaml")),
                AdapterConfig.class);
        assertThat(config.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.seriesQuery()).startsWith(ServingMetrics.QUEUE_DEPTH + "{");
            assertThat(rule.name().as()).isEqualTo(ServingMetrics.QUEUE_DEPTH);
            assertThat(ServingMetrics.QUEUE_DEPTH).matches(rule.name().matches());
            assertThat(rule.resources().overrides()).containsKeys("namespace", "pod");
            assertThat(rule.resources().overrides().get("pod").resource()).isEqualTo("pod");
            assertThat(rule.metricsQuery()).contains("<<.Series>>").contains("<<.LabelMatchers>>");
        });
    }

    // ---- checks ------------------------------------------------------------------------------------------------------

    /** Checks that hold for the base and for every overlay. */
    static void checkServiceContract(List<Object> objects) {
        Deployment deployment = Manifests.single(objects, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container app = pod.getContainers().get(0);
        int httpPort = Integer.parseInt(ProjectFacts.applicationProperty("quarkus.http.port"));

        // the health endpoints are at their default paths (no override in application.properties)
        assertThat(ProjectFacts.applicationProperty("quarkus.http.non-application-root-path")).isNull();
        assertThat(ProjectFacts.applicationProperty("quarkus.smallrye-health.root-path")).isNull();
        assertThat(ProjectFacts.applicationProperty("quarkus.smallrye-health.liveness-path")).isNull();
        assertThat(ProjectFacts.applicationProperty("quarkus.smallrye-health.readiness-path")).isNull();
        assertThat(ProjectFacts.applicationProperty("quarkus.smallrye-health.startup-path")).isNull();
        assertThat(ProjectFacts.applicationProperty("quarkus.micrometer.export.prometheus.path")).isNull();

        // the container listens where Quarkus does, and the probes use that port and the health paths
        assertThat(app.getPorts()).extracting(ContainerPort::getContainerPort).contains(httpPort);
        assertThat(app.getArgs()).as("Main dispatches 'serve' to Quarkus").containsExactly("serve");
        assertProbe(app.getReadinessProbe(), READINESS_PATH, app, httpPort);
        assertProbe(app.getLivenessProbe(), LIVENESS_PATH, app, httpPort);
        assertProbe(app.getStartupProbe(), STARTUP_PATH, app, httpPort);
        Probe startup = app.getStartupProbe();
        int startupSeconds = startup.getPeriodSeconds() * startup.getFailureThreshold();
        ConfigMap settings = Manifests.single(objects, ConfigMap.class);
        int loadTimeoutSeconds = Integer.parseInt(settings.getData().get("CRYSTOGRAPH_MODEL_LOAD_TIMEOUT_SECONDS"));
        assertThat(startupSeconds).as("start-up budget, s: at least the model load timeout")
                .isGreaterThanOrEqualTo(loadTimeoutSeconds);
        // the image preloads jemalloc; its settings come from here and match the launcher's
        assertThat(settings.getData()).containsEntry("MALLOC_CONF", ProjectFacts.launcherMallocConf());

        // termination: the preStop pause and the service's wait for requests in flight fit in the grace period
        int preStopSeconds = Integer.parseInt(app.getLifecycle().getPreStop().getExec().getCommand().get(1));
        java.time.Duration shutdownWait = java.time.Duration.parse(
                "PT" + ProjectFacts.applicationProperty("quarkus.shutdown.timeout").toUpperCase(java.util.Locale.ROOT));
        assertThat(app.getLifecycle().getPreStop().getExec().getCommand().get(0)).isEqualTo("sleep");
        assertThat(pod.getTerminationGracePeriodSeconds()).as("grace period, s: preStop pause + shutdown wait")
                .isGreaterThanOrEqualTo(preStopSeconds + shutdownWait.toSeconds());

        // the Service routes to that port
        Service service = Manifests.single(objects, Service.class);
        assertThat(service.getSpec().getPorts()).allSatisfy(
                p -> assertThat(resolvePort(p.getTargetPort(), app)).isEqualTo(httpPort));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());

        // security: non-root, read-only root file system with a writable /tmp, no privilege escalation
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        DockerfileModel dockerfile = DockerfileModel.read(Path.of("Dockerfile"));
        String imageUid = dockerfile.argDefault("APP_UID").orElseThrow();
        assertThat(pod.getSecurityContext().getRunAsUser()).as("the Dockerfile's USER").isEqualTo(
                Long.parseLong(imageUid));
        assertThat(app.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(app.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(app.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        String tmpVolume = app.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError("no /tmp mount")).getName();
        Volume tmp = pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst().orElseThrow();
        assertThat(tmp.getEmptyDir()).isNotNull();

        // resources set; the JVM heap is a share of the limit, leaving room for PyTorch's native memory
        assertThat(app.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(app.getResources().getLimits()).containsKeys("cpu", "memory");
        ConfigMap config = Manifests.single(objects, ConfigMap.class);
        assertThat(app.getEnvFrom()).anySatisfy(
                e -> assertThat(e.getConfigMapRef().getName()).isEqualTo(config.getMetadata().getName()));
        assertThat(config.getData().get("JDK_JAVA_OPTIONS")).containsPattern("-XX:MaxRAMPercentage=[1-5][0-9]\\b")
                .contains("-Dai.djl.offline=true");

        // secrets: database and admin token come from Secrets, never from the ConfigMap
        Map<String, EnvVar> env = envByName(app);
        assertThat(env).containsKeys("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD", "CRYSTOGRAPH_ADMIN_TOKEN");
        assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef()).isNotNull();
        assertThat(env.get("CRYSTOGRAPH_ADMIN_TOKEN").getValueFrom().getSecretKeyRef()).isNotNull();
        assertThat(config.getData().keySet()).noneMatch(k -> k.contains("PASSWORD") || k.contains("TOKEN"));

        // the disruption budget and the network policy select these pods
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        PodDisruptionBudget pdb = Manifests.single(objects, PodDisruptionBudget.class);
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        checkNetworkPolicy(Manifests.single(objects, NetworkPolicy.class), podLabels, app, httpPort);

        // the autoscaler (HPA or KEDA) scales this Deployment on CPU and on the gauge the service exports
        checkAutoscaling(objects, deployment);

        // Prometheus scrapes the service's metrics endpoint on the service port
        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/path", METRICS_PATH)
                .containsEntry("prometheus.io/port", Integer.toString(httpPort));
        for (ExtensionModels.PodMonitor monitor : Manifests.ofType(objects, ExtensionModels.PodMonitor.class)) {
            assertThat(podLabels).containsAllEntriesOf(monitor.spec().selector().getMatchLabels());
            assertThat(monitor.spec().podMetricsEndpoints()).allSatisfy(e -> {
                assertThat(e.path()).isEqualTo(METRICS_PATH);
                assertThat(resolvePort(new IntOrString(e.port()), app)).isEqualTo(httpPort);
            });
        }
    }

    private static void checkNetworkPolicy(NetworkPolicy policy, Map<String, String> podLabels, Container app,
            int httpPort) {
        assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        // in: only the service port
        assertThat(policy.getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getPorts())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(resolvePort(p.getPort(), app)).isEqualTo(httpPort)));
        // out: only PostgreSQL and DNS; DNS only to the cluster DNS pods
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            Set<String> ports = rule.getPorts().stream().map(NetworkPolicyPort::getPort).map(KubernetesManifestsTest::text)
                    .collect(Collectors.toSet());
            assertThat(ports).isNotEmpty().isSubsetOf(POSTGRES_PORT, DNS_PORT);
            if (ports.contains(DNS_PORT)) {
                assertThat(ports).containsOnly(DNS_PORT);
                assertThat(rule.getTo()).isNotEmpty().allSatisfy(KubernetesManifestsTest::assertClusterDns);
            }
        }
        assertThat(policy.getSpec().getEgress()).anySatisfy(
                r -> assertThat(r.getPorts()).extracting(p -> text(p.getPort())).contains(POSTGRES_PORT));
    }

    private static void assertClusterDns(NetworkPolicyPeer peer) {
        assertThat(peer.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "kube-system"));
        assertThat(peer.getPodSelector().getMatchLabels()).containsExactly(Map.entry("k8s-app", "kube-dns"));
    }

    private static void checkAutoscaling(List<Object> objects, Deployment deployment) {
        List<HorizontalPodAutoscaler> hpas = Manifests.ofType(objects, HorizontalPodAutoscaler.class);
        List<ScaledObject> scaledObjects = Manifests.ofType(objects, ScaledObject.class);
        assertThat(hpas.size() + scaledObjects.size()).as("exactly one autoscaler").isEqualTo(1);
        String name = deployment.getMetadata().getName();
        for (HorizontalPodAutoscaler hpa : hpas) {
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
            assertThat(hpa.getSpec().getMinReplicas()).isPositive();
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
            List<MetricSpec> metrics = hpa.getSpec().getMetrics();
            assertThat(metrics).anySatisfy(m -> {
                assertThat(m.getType()).isEqualTo("Resource");
                assertThat(m.getResource().getName()).isEqualTo("cpu");
            });
            assertThat(metrics).anySatisfy(m -> {
                assertThat(m.getType()).isEqualTo("Pods");
                assertThat(m.getPods().getMetric().getName()).isEqualTo(ServingMetrics.QUEUE_DEPTH);
                assertThat(m.getPods().getTarget().getType()).isEqualTo("AverageValue");
            });
        }
        for (ScaledObject scaled : scaledObjects) {
            assertThat(scaled.spec().scaleTargetRef().name()).isEqualTo(name);
            assertThat(scaled.spec().triggers()).anySatisfy(t -> assertThat(t.type()).isEqualTo("cpu"));
            assertThat(scaled.spec().triggers()).anySatisfy(t -> {
                assertThat(t.type()).isEqualTo("prometheus");
                assertThat(t.metadata().get("query")).contains(ServingMetrics.QUEUE_DEPTH);
                assertThat(t.metadata()).containsKeys("serverAddress", "threshold");
            });
        }
    }

    /** Checks that depend on which overlay was rendered. */
    private static void checkRenderedOverlay(String overlay, List<Object> objects) {
        Deployment deployment = Manifests.single(objects, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container app = pod.getContainers().get(0);
        boolean gpu = overlay.startsWith("gpu");
        // one namespace for everything
        assertThat(objects).allSatisfy(o -> assertThat(namespaceOf(o)).as(o.getClass().getSimpleName())
                .isEqualTo("crystograph"));
        // the image is the one the Dockerfile builds for this variant
        assertThat(app.getImage()).isEqualTo(ProjectFacts.image(gpu ? "cuda" : "cpu"));
        Map<String, Quantity> limits = app.getResources().getLimits();
        if (gpu) {
            assertThat(limits.get(GPU_RESOURCE)).isEqualTo(new Quantity("1"));
            assertThat(pod.getNodeSelector()).isNotEmpty();
            assertThat(pod.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo(GPU_RESOURCE));
        } else {
            assertThat(limits).doesNotContainKey(GPU_RESOURCE);
        }
        ConfigMap settings = Manifests.single(objects, ConfigMap.class);
        assertThat(settings.getData()).containsEntry("CRYSTOGRAPH_MODEL_DEVICE", gpu ? "gpu" : "cpu");
        List<Cluster> clusters = Manifests.ofType(objects, Cluster.class);
        Map<String, EnvVar> env = envByName(app);
        if (overlay.endsWith("cloudnative-pg")) {
            Cluster cluster = clusters.get(0);
            assertThat(cluster.spec().instances()).isEqualTo(3);
            assertThat(cluster.spec().postgresql().synchronous().number()).isPositive();
            assertThat(cluster.spec().postgresql().synchronous().method()).isIn("any", "first");
            String url = "jdbc:postgresql://" + cluster.metadata().getName() + "-rw:5432/"
                    + cluster.spec().bootstrap().initdb().database();
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL").getValue()).isEqualTo(url);
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL").getValueFrom()).isNull();
            String appSecret = cluster.metadata().getName() + "-app";
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo(appSecret);
            assertThat(env.get("QUARKUS_DATASOURCE_USERNAME").getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo(appSecret);
            // PostgreSQL egress only to this cluster's pods
            NetworkPolicy policy = Manifests.single(objects, NetworkPolicy.class);
            assertThat(policy.getSpec().getEgress()).filteredOn(
                    r -> r.getPorts().stream().anyMatch(p -> text(p.getPort()).equals(POSTGRES_PORT)))
                    .singleElement().satisfies(r -> assertThat(r.getTo()).singleElement().satisfies(
                            peer -> assertThat(peer.getPodSelector().getMatchLabels())
                                    .containsEntry("cnpg.io/cluster", cluster.metadata().getName())));
        } else {
            assertThat(clusters).isEmpty();
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL").getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("crystograph-database");
        }
    }

    private static String namespaceOf(Object object) {
        if (object instanceof io.fabric8.kubernetes.api.model.HasMetadata h) {
            return h.getMetadata().getNamespace();
        }
        if (object instanceof Cluster c) {
            return c.metadata().getNamespace();
        }
        if (object instanceof ScaledObject s) {
            return s.metadata().getNamespace();
        }
        if (object instanceof ExtensionModels.PodMonitor p) {
            return p.metadata().getNamespace();
        }
        throw new AssertionError("no namespace rule for " + object.getClass());
    }

    private static void assertProbe(Probe probe, String path, Container app, int httpPort) {
        assertThat(probe).as("probe for " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(resolvePort(probe.getHttpGet().getPort(), app)).isEqualTo(httpPort);
    }

    /** A port given by number or by the name of one of the container's ports. */
    private static int resolvePort(IntOrString port, Container app) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return app.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()))
                .getContainerPort();
    }

    private static String text(IntOrString value) {
        return value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
    }

    private static Map<String, EnvVar> envByName(Container app) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (EnvVar e : app.getEnv()) {
            assertThat(seen.add(e.getName())).as("duplicate env " + e.getName()).isTrue();
            env.put(e.getName(), e);
        }
        return env;
    }

    /** Used by {@link DeploymentProbesTest}: the probe paths of the base Deployment. */
    static List<String> baseProbePaths() {
        Deployment deployment = Manifests.single(
                Manifests.parseFile(Manifests.K8S.resolve("base/deployment.yaml")), Deployment.class);
        Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        return Stream.of(app.getStartupProbe(), app.getReadinessProbe(), app.getLivenessProbe())
                .map(p -> p.getHttpGet().getPath()).toList();
    }

}
