package org.crystograph.benchmark.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystograph.benchmark.FoldScore;
import org.crystograph.benchmark.Scorer;
import org.crystograph.benchmark.TaskDefinition;
import org.crystograph.benchmark.TaskScore;
import org.crystograph.benchmark.TaskCatalog;
import org.crystograph.benchmark.store.ModelCardEntity;
import org.crystograph.benchmark.store.TaskEntity;
import org.crystograph.benchmark.submission.SubmissionPayload;

/**
 * Task boards and composite boards, computed when read from the submission log: the latest accepted, non-withdrawn
 * submission of each model card per task and track, ranked by mean MAE (task board) or by the composite mean of
 * S = mean_k MAE_k / MAD_k (composite board, only for cards that cover every task of the set).
 */
@ApplicationScoped
public class LeaderboardService {

    @Inject
    EntityManager em;

    @Inject
    BenchmarkData data;

    @Inject
    ScoringService scoring;

    @Inject
    TeamService teams;

    /** A latest accepted submission of one model card. */
    private record Latest(long submissionId, long modelCardId, long teamId, OffsetDateTime createdAt) {
    }

    /**
     * The board of one task and track.
     *
     * @throws BenchmarkException 404 unknown task, 422 unknown track, 409 task without data or hidden track
     */
    @Transactional
    public Views.TaskBoard taskBoard(String key, String trackName) {
        TaskDefinition def = data.catalog().find(key).orElseThrow(() -> BenchmarkException.notFound("task",
                "unknown task " + key));
        SubmissionPayload.Track track = track(trackName);
        TaskEntity task = TaskEntity.findById(key);
        if (task == null || !task.available) {
            throw BenchmarkException.conflict("task-unavailable", "the data of task " + key
                    + " is not available on this server");
        }
        if (track == SubmissionPayload.Track.HIDDEN && (task.nHidden == null || task.nHidden == 0)) {
            throw BenchmarkException.conflict("no-hidden-track", "task " + key + " has no hidden track");
        }
        int folds = data.catalog().folds();
        List<FoldScore> base = scoring.baseline(key, track, folds);
        Views.BaselineRow baseline = new Views.BaselineRow("MAD baseline (training mean)",
                base.stream().map(FoldScore::baselineMae).toList(), base.stream().map(FoldScore::mad).toList(),
                Scorer.summary(base.stream().mapToDouble(FoldScore::baselineMae).toArray()),
                base.stream().mapToDouble(f -> f.baselineMae() / f.mad()).average().orElseThrow());
        Map<Long, long[]> counts = teamCounts(key);
        List<Views.BoardEntry> rows = new ArrayList<>();
        for (Latest l : latest(key, track)) {
            List<FoldScore> scores = SubmissionService.foldScores(l.submissionId());
            TaskScore t = Scorer.summarise(scores);
            ModelCardEntity card = ModelCardEntity.findById(l.modelCardId());
            boolean cal = scores.stream().allMatch(f -> f.calibration() != null);
            long[] c = counts.getOrDefault(l.teamId(), new long[2]);
            rows.add(new Views.BoardEntry(0, l.modelCardId(), card.modelName, card.modelVersion,
                    teams.name(l.teamId()), l.submissionId(), l.createdAt(),
                    scores.stream().map(FoldScore::mae).toList(), t.mae(), t.rmse(), t.maxError(), t.scaledScore(),
                    cal ? scores.stream().mapToDouble(f -> f.calibration().coverage95()).average().orElseThrow()
                            : null, c[0], c[1]));
        }
        rows.sort(Comparator.comparingDouble((Views.BoardEntry e) -> e.mae().mean())
                .thenComparingLong(Views.BoardEntry::submissionId));
        List<Views.BoardEntry> ranked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Views.BoardEntry e = rows.get(i);
            ranked.add(new Views.BoardEntry(i + 1, e.modelCardId(), e.modelName(), e.modelVersion(), e.team(),
                    e.submissionId(), e.submittedAt(), e.foldMae(), e.mae(), e.rmse(), e.maxError(),
                    e.scaledScore(), e.coverage95(), e.teamScoredSubmissions(), e.teamSubmissions()));
        }
        List<String> foldNames = base.stream().map(f -> f.fold() < 0 ? SubmissionPayload.HIDDEN_KEY
                : ScoringService.foldKey(f.fold())).toList();
        return new Views.TaskBoard(key, track.wire(), def.unit(), foldNames, baseline, ranked);
    }

    /**
     * The composite board of a task set: a preset name (or {@code local}), or an explicit comma-separated task list.
     *
     * @throws BenchmarkException 404 for an unknown set or task
     */
    @Transactional
    public Views.CompositeBoard composite(String set, String taskList, String trackName) {
        SubmissionPayload.Track track = track(trackName);
        List<String> tasks;
        String name;
        if (taskList != null && !taskList.isBlank()) {
            tasks = List.of(taskList.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).distinct()
                    .toList();
            for (String t : tasks) {
                data.catalog().find(t).orElseThrow(() -> BenchmarkException.notFound("task", "unknown task " + t));
            }
            name = "custom";
        } else {
            name = set == null || set.isBlank() ? TaskCatalog.LOCAL_SET : set;
            tasks = data.catalog().presets().get(name);
            if (tasks == null) {
                throw BenchmarkException.notFound("task-set", "unknown task set " + name + "; known: "
                        + data.catalog().presets().keySet());
            }
        }
        List<String> unavailable = tasks.stream().filter(t -> {
            TaskEntity e = TaskEntity.findById(t);
            return e == null || !e.available;
        }).toList();
        Map<Long, Map<String, Double>> byCard = new HashMap<>();
        Map<Long, Long> teamOf = new HashMap<>();
        for (String t : tasks) {
            for (Latest l : latest(t, track)) {
                double s = Scorer.summarise(SubmissionService.foldScores(l.submissionId())).scaledScore();
                byCard.computeIfAbsent(l.modelCardId(), k -> new LinkedHashMap<>()).put(t, s);
                teamOf.put(l.modelCardId(), l.teamId());
            }
        }
        List<Views.CompositeEntry> rows = new ArrayList<>();
        byCard.forEach((card, perTask) -> {
            if (perTask.size() == tasks.size()) {
                Map<String, Double> ordered = new LinkedHashMap<>();
                tasks.forEach(t -> ordered.put(t, perTask.get(t)));
                ModelCardEntity c = ModelCardEntity.findById(card);
                rows.add(new Views.CompositeEntry(0, card, c.modelName, c.modelVersion, teams.name(teamOf.get(card)),
                        Scorer.composite(new ArrayList<>(ordered.values())), ordered));
            }
        });
        rows.sort(Comparator.comparingDouble(Views.CompositeEntry::composite)
                .thenComparingLong(Views.CompositeEntry::modelCardId));
        List<Views.CompositeEntry> ranked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Views.CompositeEntry e = rows.get(i);
            ranked.add(new Views.CompositeEntry(i + 1, e.modelCardId(), e.modelName(), e.modelVersion(), e.team(),
                    e.composite(), e.scaledScores()));
        }
        return new Views.CompositeBoard(name, track.wire(), tasks, unavailable, ranked);
    }

    private static SubmissionPayload.Track track(String name) {
        if (name == null || name.isBlank()) {
            return SubmissionPayload.Track.CV;
        }
        SubmissionPayload.Track t = SubmissionPayload.Track.parse(name);
        if (t == null) {
            throw BenchmarkException.invalid("invalid-track", "track must be cv or hidden, got " + name);
        }
        return t;
    }

    private List<Latest> latest(String task, SubmissionPayload.Track track) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT DISTINCT ON (model_card_id) id, model_card_id, team_id, created_at
                FROM bench_submission
                WHERE task_key = ?1 AND track = ?2 AND outcome = 'accepted' AND NOT withdrawn
                ORDER BY model_card_id, created_at DESC, id DESC
                """).setParameter(1, task).setParameter(2, track.wire()).getResultList();
        List<Latest> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Latest(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                    ((Number) r[2]).longValue(), toOffset(r[3])));
        }
        return out;
    }

    /** Per team: {scored submissions, all attempts} on the task. */
    private Map<Long, long[]> teamCounts(String task) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT team_id, count(*) FILTER (WHERE outcome = 'accepted'), count(*)
                FROM bench_submission WHERE task_key = ?1 GROUP BY team_id
                """).setParameter(1, task).getResultList();
        Map<Long, long[]> out = new HashMap<>();
        for (Object[] r : rows) {
            out.put(((Number) r[0]).longValue(), new long[] {((Number) r[1]).longValue(),
                ((Number) r[2]).longValue()});
        }
        return out;
    }

    private static OffsetDateTime toOffset(Object o) {
        if (o instanceof OffsetDateTime odt) {
            return odt;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + o.getClass());
    }
}
