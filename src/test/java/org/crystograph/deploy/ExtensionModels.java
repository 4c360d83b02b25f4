package org.crystograph.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.List;
import java.util.Map;

/**
 * Typed models of the manifests that fabric8's core model does not cover: kustomize files, the CloudNativePG,
 * KEDA and Prometheus Operator custom resources, and the Prometheus Adapter configuration. Each record lists only the
 * fields this repository uses, named as in the upstream CRD schemas (postgresql.cnpg.io/v1 Cluster and
 * ScheduledBackup, keda.sh/v1alpha1 ScaledObject, monitoring.coreos.com/v1 PodMonitor); parsed with
 * FAIL_ON_UNKNOWN_PROPERTIES, so a misspelt or unexpected field fails the test instead of being ignored by the
 * operator at apply time.
 */
final class ExtensionModels {

    private ExtensionModels() {
    }

    /** kustomize.config.k8s.io/v1beta1 Kustomization and v1alpha1 Component. */
    record Kustomization(String apiVersion, String kind, String namespace, List<String> resources,
            List<String> components, List<Patch> patches, List<Image> images, List<Labels> labels) {
    }

    /** A kustomize patch: a file or an inline patch. */
    record Patch(String path, String patch) {
    }

    /** A kustomize image override. */
    record Image(String name, String newName, String newTag, String digest) {
    }

    /** A kustomize labels entry. */
    record Labels(Map<String, String> pairs, Boolean includeSelectors, Boolean includeTemplates) {
    }

    /** postgresql.cnpg.io/v1 Cluster. */
    record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
    }

    record ClusterSpec(Integer instances, String imageName, String primaryUpdateStrategy, String primaryUpdateMethod,
            PostgresConfiguration postgresql, Bootstrap bootstrap, Boolean enableSuperuserAccess, Storage storage,
            Storage walStorage, Affinity affinity, ResourceRequirements resources, Backup backup) {
    }

    record PostgresConfiguration(Map<String, String> parameters, Synchronous synchronous) {
    }

    record Synchronous(String method, Integer number, String dataDurability) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner) {
    }

    record Storage(String size, String storageClass) {
    }

    record Affinity(Boolean enablePodAntiAffinity, String topologyKey, String podAntiAffinityType) {
    }

    record Backup(String target, String retentionPolicy, BarmanObjectStore barmanObjectStore) {
    }

    record BarmanObjectStore(String destinationPath, String endpointURL, S3Credentials s3Credentials,
            WalBackup wal, DataBackup data) {
    }

    record S3Credentials(SecretKeySelector accessKeyId, SecretKeySelector secretAccessKey) {
    }

    record SecretKeySelector(String name, String key) {
    }

    record WalBackup(String compression, Integer maxParallel) {
    }

    record DataBackup(String compression) {
    }

    /** postgresql.cnpg.io/v1 ScheduledBackup. */
    record ScheduledBackup(String apiVersion, String kind, ObjectMeta metadata, ScheduledBackupSpec spec) {
    }

    record ScheduledBackupSpec(String schedule, Boolean immediate, String backupOwnerReference, String method,
            LocalObjectReference cluster) {
    }

    record LocalObjectReference(String name) {
    }

    /** keda.sh/v1alpha1 ScaledObject. */
    record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {
    }

    record ScaledObjectSpec(LocalObjectReference scaleTargetRef, Integer minReplicaCount, Integer maxReplicaCount,
            Integer pollingInterval, Integer cooldownPeriod, Advanced advanced, List<Trigger> triggers) {
    }

    record Advanced(HorizontalPodAutoscalerConfig horizontalPodAutoscalerConfig) {
    }

    record HorizontalPodAutoscalerConfig(HorizontalPodAutoscalerBehavior behavior) {
    }

    record Trigger(String type, String metricType, Map<String, String> metadata) {
    }

    /** monitoring.coreos.com/v1 PodMonitor. */
    record PodMonitor(String apiVersion, String kind, ObjectMeta metadata, PodMonitorSpec spec) {
    }

    record PodMonitorSpec(io.fabric8.kubernetes.api.model.LabelSelector selector,
            List<PodMetricsEndpoint> podMetricsEndpoints) {
    }

    record PodMetricsEndpoint(String port, String path, String interval) {
    }

    /** The Prometheus Adapter configuration file (its {@code --config}). */
    record AdapterConfig(List<AdapterRule> rules) {
    }

    record AdapterRule(String seriesQuery, AdapterResources resources, AdapterName name, String metricsQuery) {
    }

    record AdapterResources(Map<String, AdapterResource> overrides) {
    }

    record AdapterResource(String resource) {
    }

    record AdapterName(String matches, String as) {
    }
}
