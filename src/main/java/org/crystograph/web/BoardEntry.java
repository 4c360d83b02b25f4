package org.crystograph.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crystograph.benchmark.TaskScore;

/**
 * One ranked submission as the leaderboard pages need it: who, which model, when, and its scores on one task.
 *
 * @param task task key
 * @param hidden whether the submission is on the task's hidden test track (scored as one fold)
 * @param submissionId submission id, used in links to its page
 * @param team team name
 * @param modelName model card {@code model_name}
 * @param modelVersion model card {@code model_version}
 * @param submittedAt when it was accepted
 * @param score its scores from the {@link org.crystograph.benchmark.Scorer}
 * @param modelCard the model card fields, in the card's order
 * @param teamSubmissions how many submissions the team has made on this task
 */
public record BoardEntry(String task, boolean hidden, long submissionId, String team, String modelName,
        String modelVersion, Instant submittedAt, TaskScore score, Map<String, Object> modelCard,
        int teamSubmissions) {

    /** Validates and copies. */
    public BoardEntry {
        if (task == null || team == null || modelName == null || submittedAt == null || score == null) {
            throw new IllegalArgumentException("board entry needs task, team, model name, time and score");
        }
        modelVersion = modelVersion == null ? "" : modelVersion;
        modelCard = modelCard == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modelCard));
    }

    /** The model as named on the board, e.g. {@code CrysToGraph 1.0}. */
    public String model() {
        return modelVersion.isBlank() ? modelName : modelName + " " + modelVersion;
    }
}
