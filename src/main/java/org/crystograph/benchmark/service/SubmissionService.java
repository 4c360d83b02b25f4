package org.crystograph.benchmark.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.crystograph.benchmark.FoldScore;
import org.crystograph.benchmark.store.FoldScoreEntity;
import org.crystograph.benchmark.store.ModelCardEntity;
import org.crystograph.benchmark.store.SubmissionEntity;
import org.crystograph.benchmark.store.TaskEntity;
import org.crystograph.benchmark.store.TeamEntity;
import org.crystograph.benchmark.submission.SubmissionParser;
import org.crystograph.benchmark.submission.SubmissionPayload;
import org.crystograph.benchmark.submission.SubmissionValidator;
import org.crystograph.benchmark.submission.Violation;

/**
 * Receives, validates, rate-limits, scores and logs submissions (spec section 5). One transaction per attempt: the
 * team row is locked first ({@code SELECT ... FOR UPDATE}), so the quota counts and the insert are serialised per
 * team across every replica sharing the database. Every attempt that names a valid team is logged, whatever its
 * outcome; rejected attempts are committed, not rolled back.
 *
 * <p>{@link #submit} is the one entry point for the REST edge and for a command-line client that submits a model's
 * predictions (e.g. a future {@code evaluate --submit}).
 */
@ApplicationScoped
public class SubmissionService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV = "text/csv";

    @Inject
    EntityManager em;

    @Inject
    TeamService teams;

    @Inject
    ScoringService scoring;

    @Inject
    BenchmarkData data;

    @Inject
    BenchmarkConfig config;

    /**
     * Handles one attempt.
     *
     * @return the logged submission (status 201 accepted, 422/404/409/413/415 rejected, 429 rate limited) or, for a
     *     repeated idempotency key with the same payload, the earlier entry flagged as a replay
     * @throws BenchmarkException 401 without a valid team token (nothing is logged: there is no team to log under)
     */
    @Transactional
    public Views.SubmitResult submit(SubmitRequest req) {
        TeamEntity team = teams.require(req.authorization());
        teams.lock(team.id);
        String sha = TeamService.sha256(req.body());
        SubmissionEntity s = new SubmissionEntity();
        s.teamId = team.id;
        s.submittedBy = req.submittedBy();
        s.taskKey = req.taskKey();
        s.contentType = req.contentType();
        s.payloadBytes = req.body().length;
        s.payloadSha256 = req.overLimit() ? null : sha;
        s.payload = req.overLimit() ? null : req.body();
        s.idempotencyKey = blankToNull(req.idempotencyKey());

        if (s.idempotencyKey != null) {
            Optional<SubmissionEntity> earlier = SubmissionEntity.find("teamId = ?1 and idempotencyKey = ?2",
                    team.id, s.idempotencyKey).firstResultOptional();
            if (earlier.isPresent()) {
                if (sha.equals(earlier.get().payloadSha256)) {
                    return new Views.SubmitResult(view(earlier.get(), team.name), true);
                }
                s.idempotencyKey = null;
                return reject(s, team, 409, List.of(Violation.of("idempotency_key", null, "Idempotency-Key '"
                        + req.idempotencyKey() + "' was used before with a different payload")));
            }
        }
        long rejectedToday = count("teamId = ?1 and outcome <> ?2 and createdAt > ?3", team.id,
                SubmissionEntity.ACCEPTED, hoursAgo(24));
        if (rejectedToday >= config.limits().rejectedPerDay()) {
            return limited(s, team, "rejected_per_day", config.limits().rejectedPerDay(), "24h");
        }
        if (req.overLimit()) {
            return reject(s, team, 413, List.of(Violation.of("size", null, "upload exceeds "
                    + config.maxUploadBytes() + " bytes")));
        }
        TaskEntity task = TaskEntity.findById(req.taskKey());
        if (task == null || data.catalog().find(req.taskKey()).isEmpty()) {
            return reject(s, team, 404, List.of(Violation.of("task", null, "unknown task " + req.taskKey())));
        }
        if (!task.available || !task.open) {
            return reject(s, team, 409, List.of(Violation.of("task", null, "task " + req.taskKey()
                    + " is not open for submissions (data not available on this server or closed)")));
        }
        SubmissionPayload payload;
        String type = req.contentType() == null ? "" : req.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith(CSV)) {
            SubmissionPayload.Track t = SubmissionPayload.Track.parse(req.track());
            if (req.track() != null && t == null) {
                return reject(s, team, 422, List.of(Violation.of("format", null, "track must be cv or hidden")));
            }
            payload = SubmissionParser.parseCsv(req.body(), t, req.modelCardId());
        } else if (type.isEmpty() || type.startsWith("application/json")) {
            payload = SubmissionParser.parseJson(req.body());
        } else {
            return reject(s, team, 415, List.of(Violation.of("format", null, "content type must be "
                    + "application/json or text/csv, got " + req.contentType())));
        }
        SubmissionPayload.Track track = payload.track() == null ? SubmissionPayload.Track.CV : payload.track();
        s.track = track.wire();
        List<Violation> violations = new ArrayList<>();
        if (track == SubmissionPayload.Track.HIDDEN && (task.nHidden == null || task.nHidden == 0)) {
            return reject(s, team, 422, List.of(Violation.of("track", null, "task " + task.key
                    + " has no hidden track")));
        }
        Long cardId = payload.modelCardId();
        if (cardId == null) {
            violations.add(Violation.of("model_card", null, "model_card_id is required (register a card with "
                    + "POST /v1/model-cards)"));
        } else {
            ModelCardEntity card = ModelCardEntity.findById(cardId);
            if (card == null || !card.teamId.equals(team.id)) {
                violations.add(Violation.of("model_card", null, "model card " + cardId
                        + " does not exist or belongs to another team"));
            } else {
                s.modelCardId = cardId;
            }
        }
        int folds = data.catalog().folds();
        SubmissionValidator.Result result = SubmissionValidator.validate(payload,
                scoring.expectedIds(task.key, track, folds));
        violations.addAll(result.violations());
        if (!violations.isEmpty()) {
            return reject(s, team, 422, violations);
        }
        Object[] window = {team.id, task.key, SubmissionEntity.ACCEPTED};
        if (count("teamId = ?1 and taskKey = ?2 and outcome = ?3 and createdAt > ?4", window[0], window[1],
                window[2], hoursAgo(24)) >= config.limits().scoredPerDay()) {
            return limited(s, team, "scored_per_day", config.limits().scoredPerDay(), "24h");
        }
        if (count("teamId = ?1 and taskKey = ?2 and outcome = ?3 and createdAt > ?4", window[0], window[1],
                window[2], hoursAgo(24 * 30)) >= config.limits().scoredPer30Days()) {
            return limited(s, team, "scored_per_30_days", config.limits().scoredPer30Days(), "30d");
        }
        List<FoldScore> scores = scoring.score(task.key, track, folds, result.accepted());
        s.outcome = SubmissionEntity.ACCEPTED;
        s.httpStatus = 201;
        s.persistAndFlush();
        for (FoldScore f : scores) {
            FoldScoreEntity.of(s.id, f).persist();
        }
        em.flush();
        em.refresh(s);
        return new Views.SubmitResult(view(s, team.name, scores), false);
    }

    /**
     * A logged submission as the reader may see it (never the payload). Its own team, named by its bearer token, sees
     * every entry of its log: rejected and rate-limited attempts included. Anyone sees the scored entries, those the
     * boards rank (accepted and not withdrawn), without the team's idempotency key. Any other entry is empty to the
     * reader, exactly as an id that does not exist, so that neither its existence nor its outcome shows.
     *
     * @param authorization the request's Authorization header, or null for an anonymous reader
     * @throws BenchmarkException 401 when an Authorization header is given but its bearer token names no team
     */
    @Transactional
    public Optional<Views.SubmissionView> find(long id, String authorization) {
        Optional<TeamEntity> reader = authorization == null || authorization.isBlank() ? Optional.empty()
                : Optional.of(teams.require(authorization));
        Optional<SubmissionEntity> found = SubmissionEntity.findByIdOptional(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SubmissionEntity s = found.get();
        if (reader.isPresent() && reader.get().id.equals(s.teamId)) {
            return Optional.of(view(s, reader.get().name));
        }
        if (isPublic(s)) {
            return Optional.of(withoutOwnerDetails(view(s, teams.name(s.teamId))));
        }
        return Optional.empty();
    }

    /** Whether an entry is one anyone may read: scored, and not withdrawn from the boards. */
    private static boolean isPublic(SubmissionEntity s) {
        return SubmissionEntity.ACCEPTED.equals(s.outcome) && !s.withdrawn;
    }

    /** A view as others than its team see it: without the idempotency key, which is the team's own business. */
    private static Views.SubmissionView withoutOwnerDetails(Views.SubmissionView v) {
        return new Views.SubmissionView(v.id(), v.team(), v.task(), v.track(), v.outcome(), v.status(), v.createdAt(),
                v.modelCardId(), v.payloadSha256(), v.payloadBytes(), null, v.errors(), v.limit(), v.scores());
    }

    /** Fold scores of an accepted submission, in fold order. */
    public static List<FoldScore> foldScores(long submissionId) {
        return FoldScoreEntity.<FoldScoreEntity>list("submissionId = ?1 order by fold", submissionId).stream()
                .map(FoldScoreEntity::toScore)
                .sorted(java.util.Comparator.comparingInt(f -> f.fold() < 0 ? Integer.MAX_VALUE : f.fold()))
                .toList();
    }

    private Views.SubmitResult reject(SubmissionEntity s, TeamEntity team, int status, List<Violation> v) {
        s.outcome = SubmissionEntity.REJECTED;
        s.httpStatus = status;
        s.errors = json(v);
        return save(s, team);
    }

    private Views.SubmitResult limited(SubmissionEntity s, TeamEntity team, String rule, int max, String window) {
        s.outcome = SubmissionEntity.RATE_LIMITED;
        s.httpStatus = 429;
        s.errors = json(new Views.Quota(rule, max, window));
        return save(s, team);
    }

    private Views.SubmitResult save(SubmissionEntity s, TeamEntity team) {
        s.persistAndFlush();
        em.refresh(s);
        return new Views.SubmitResult(view(s, team.name), false);
    }

    private Views.SubmissionView view(SubmissionEntity s, String team) {
        return view(s, team, SubmissionEntity.ACCEPTED.equals(s.outcome) ? foldScores(s.id) : List.of());
    }

    private static Views.SubmissionView view(SubmissionEntity s, String team, List<FoldScore> scores) {
        List<Violation> errors = null;
        Views.Quota limit = null;
        try {
            if (SubmissionEntity.REJECTED.equals(s.outcome) && s.errors != null) {
                errors = JSON.readValue(s.errors, new TypeReference<List<Violation>>() { });
            } else if (SubmissionEntity.RATE_LIMITED.equals(s.outcome) && s.errors != null) {
                limit = JSON.readValue(s.errors, Views.Quota.class);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored errors of submission " + s.id + " unreadable", e);
        }
        return new Views.SubmissionView(s.id, team, s.taskKey, s.track, s.outcome, s.httpStatus, s.createdAt,
                s.modelCardId, s.payloadSha256, s.payloadBytes, s.idempotencyKey, errors, limit,
                scores.isEmpty() ? null : Views.Scores.of(scores));
    }

    private static long count(String query, Object... params) {
        return SubmissionEntity.count(query, params);
    }

    private java.time.OffsetDateTime hoursAgo(int hours) {
        // the database clock, so that every replica counts against the same time
        Object now = em.createNativeQuery("SELECT now() - make_interval(hours => ?1)")
                .setParameter(1, hours).getSingleResult();
        if (now instanceof java.time.OffsetDateTime odt) {
            return odt;
        }
        if (now instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (now instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + now.getClass());
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
