package org.crystograph.benchmark.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.crystograph.benchmark.TaskDefinition;
import org.crystograph.benchmark.store.HiddenSampleEntity;
import org.crystograph.benchmark.store.SampleEntity;
import org.crystograph.benchmark.store.TaskEntity;

/** Public task information: metadata, folds, public samples with labels, hidden ids (never hidden labels). */
@ApplicationScoped
public class TaskQueryService {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BenchmarkData data;

    /** Every catalogue task, available or not, in catalogue order. */
    @Transactional
    public List<Views.TaskSummary> list() {
        List<Views.TaskSummary> out = new ArrayList<>();
        for (TaskDefinition t : data.catalog().tasks()) {
            out.add(summary(t, TaskEntity.findById(t.key())));
        }
        return out;
    }

    /** One task's page, if the key is known. */
    @Transactional
    public Optional<Views.TaskDetail> detail(String key) {
        return data.catalog().find(key).map(t -> {
            TaskEntity e = TaskEntity.findById(key);
            Views.TaskSummary s = summary(t, e);
            if (!s.available()) {
                return new Views.TaskDetail(s, List.of(), List.of(), List.of());
            }
            List<SampleEntity> samples = SampleEntity.list("taskKey = ?1 order by rowIndex", key);
            Integer[] sizes = new Integer[data.catalog().folds()];
            java.util.Arrays.fill(sizes, 0);
            samples.forEach(x -> sizes[x.fold]++);
            List<HiddenSampleEntity> hidden = HiddenSampleEntity.list("taskKey = ?1 order by rowIndex", key);
            return new Views.TaskDetail(s, List.of(sizes),
                    samples.stream().map(TaskQueryService::publicSample).toList(),
                    hidden.stream().map(h -> new Views.SampleRef(h.sampleId, h.structureFile)).toList());
        });
    }

    /**
     * One fold of a task.
     *
     * @throws BenchmarkException 404 for an unknown task or fold, 409 when the task's data is not available
     */
    @Transactional
    public Views.FoldView fold(String key, int fold) {
        TaskDefinition t = data.catalog().find(key).orElseThrow(() -> BenchmarkException.notFound("task",
                "unknown task " + key));
        requireAvailable(t);
        if (fold < 0 || fold >= data.catalog().folds()) {
            throw BenchmarkException.notFound("fold", "fold " + fold + " outside 0.." + (data.catalog().folds() - 1));
        }
        List<SampleEntity> samples = SampleEntity.list("taskKey = ?1 order by rowIndex", key);
        List<Views.SampleRef> test = new ArrayList<>();
        List<Views.PublicSample> train = new ArrayList<>();
        for (SampleEntity s : samples) {
            if (s.fold == fold) {
                test.add(new Views.SampleRef(s.sampleId, s.structureFile));
            } else {
                train.add(publicSample(s));
            }
        }
        return new Views.FoldView(key, fold, Collections.unmodifiableList(test), Collections.unmodifiableList(train));
    }

    /** Throws 409 when the task's data is not loaded. */
    void requireAvailable(TaskDefinition t) {
        TaskEntity e = TaskEntity.findById(t.key());
        if (e == null || !e.available) {
            throw BenchmarkException.conflict("task-unavailable", "the data of task " + t.key()
                    + " is not available on this server");
        }
    }

    private static Views.PublicSample publicSample(SampleEntity s) {
        return new Views.PublicSample(s.sampleId, s.fold, s.label, s.structureFile);
    }

    static Views.TaskSummary summary(TaskDefinition t, TaskEntity e) {
        boolean available = e != null && e.available;
        return new Views.TaskSummary(t.key(), t.track().name().toLowerCase(java.util.Locale.ROOT), t.materialClass(),
                t.property(), t.label(), t.unit(), t.n(), t.source(), JSON.convertValue(t.format(), String.class),
                t.metric(), available, available && e.open, e == null ? null : e.fileRows,
                e == null ? null : e.nPublic, e == null ? null : e.nHidden, t.hasHiddenTrack(), t.presets(),
                t.licence(), t.citation(), e == null ? null : e.dataSha256, e == null ? null : e.splitSha256);
    }
}
