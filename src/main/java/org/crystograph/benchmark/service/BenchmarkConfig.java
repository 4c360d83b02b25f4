package org.crystograph.benchmark.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/** Configuration of the benchmark service ({@code crystograph.benchmark.*}). */
@ConfigMapping(prefix = "crystograph.benchmark")
public interface BenchmarkConfig {

    /** Directory holding the official {@code ub_<task>.json} files; absent: official tasks are unavailable. */
    Optional<String> officialDir();

    /** Task catalogue file; absent: {@code unconvbench/tasks.yaml} under the project root, else the packaged copy. */
    Optional<String> catalog();

    /** Load tasks and samples into the database at startup (skipped for tasks whose data hash is unchanged). */
    @WithDefault("true")
    boolean seedAtStartup();

    /** Only these task keys are seeded; absent: every task whose data is present. */
    Optional<List<String>> seedTasks();

    /** Upload cap in bytes, checked before parsing. */
    @WithDefault("5000000")
    long maxUploadBytes();

    /** Submission quotas. */
    Limits limits();

    /** Submission quotas, counted in the database per team. */
    interface Limits {
        /** Scored submissions per team and task in 24 h. */
        @WithDefault("3")
        int scoredPerDay();

        /** Scored submissions per team and task in 30 days. */
        @WithName("scored-per-30-days")
        @WithDefault("20")
        int scoredPer30Days();

        /** Rejected submissions per team in 24 h (all tasks). */
        @WithDefault("50")
        int rejectedPerDay();
    }
}
