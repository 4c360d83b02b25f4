package org.crystograph.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.crystograph.benchmark.TaskCatalog;
import org.crystograph.benchmark.TaskDefinition;
import org.crystograph.benchmark.service.BenchmarkData;
import org.crystograph.benchmark.service.BenchmarkException;
import org.crystograph.benchmark.service.BoardIndex;
import org.crystograph.benchmark.service.LeaderboardService;
import org.crystograph.benchmark.service.ModelCardService;
import org.crystograph.benchmark.service.ParityService;
import org.crystograph.benchmark.service.Views;
import org.crystograph.benchmark.submission.SubmissionPayload;
import org.crystograph.web.chart.ParityPoint;

/**
 * Gathers what the leaderboard pages show from the benchmark services: every available task board (cv track, and
 * the hidden track where the task has one), every composite board over the catalogue's task sets, the model cards of
 * the ranked entries, and for one submission its per-sample pairs (server-side only, drawn as SVG).
 */
@ApplicationScoped
public class LeaderboardPageService {

    /** Links of the boards to the REST API's CSV exports. */
    static final LeaderboardView.Links API_LINKS = new LeaderboardView.Links() {
        @Override
        public String taskCsv(String task, String track) {
            return "/v1/leaderboard/" + task + "?format=csv"
                    + (SubmissionPayload.Track.HIDDEN.wire().equals(track) ? "&track=hidden" : "");
        }

        @Override
        public String compositeCsv(String set) {
            return "/v1/leaderboard?set=" + set + "&format=csv";
        }
    };

    @Inject
    BenchmarkData data;

    @Inject
    LeaderboardService boards;

    @Inject
    ModelCardService cards;

    @Inject
    ParityService parity;

    @Inject
    BoardIndex index;

    /**
     * The whole leaderboard page. Only boards with entries are built; a composite is built only when every task of
     * its set has entries (otherwise no model can cover the set).
     */
    public LeaderboardView view() {
        TaskCatalog catalog = data.catalog();
        BoardIndex.Snapshot snapshot = index.snapshot();
        String cv = SubmissionPayload.Track.CV.wire();
        List<Views.CompositeBoard> composites = new ArrayList<>();
        catalog.presets().forEach((set, keys) -> {
            if (keys.stream().allMatch(k -> snapshot.hasEntries(k, cv))) {
                available(() -> boards.composite(set, null, cv)).ifPresent(composites::add);
            }
        });
        List<LeaderboardView.Board> taskBoards = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (TaskDefinition task : catalog.tasks()) {
            if (!snapshot.available().contains(task.key())) {
                continue;
            }
            if (!snapshot.hasEntries(task.key(), cv)) {
                waiting.add(task.key());
            }
            taskBoards.addAll(boardsOf(task, snapshot));
        }
        LeaderboardView view = LeaderboardView.build(composites, taskBoards, cardsOf(taskBoards), API_LINKS);
        return new LeaderboardView(view.composites(), view.tasks(), waiting);
    }

    /**
     * The page of one ranked submission: its row on its board and the charts of its public test folds.
     *
     * @return empty for an unknown task, or a submission that is not ranked on the task's boards
     */
    public Optional<SubmissionView> submission(String task, long submissionId) {
        Optional<TaskDefinition> definition = data.catalog().find(task);
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        List<LeaderboardView.Board> taskBoards = boardsOf(definition.get(), index.snapshot());
        Map<Long, String> cardJson = cardsOf(taskBoards);
        for (LeaderboardView.Board b : taskBoards) {
            LeaderboardView.TaskTable table = LeaderboardView.taskTable(b.task(), b.board(), cardJson, API_LINKS);
            for (LeaderboardView.TaskRow row : table.rows()) {
                if (row.submissionId() == submissionId) {
                    List<ParityPoint> points = table.hidden() ? List.of()
                            : parity.publicPairs(task, submissionId).orElse(List.of()).stream()
                                    .map(p -> new ParityPoint(p.truth(), p.prediction(), p.fold())).toList();
                    return Optional.of(SubmissionView.of(b.task(), table, row, points));
                }
            }
        }
        return Optional.empty();
    }

    private List<LeaderboardView.Board> boardsOf(TaskDefinition task, BoardIndex.Snapshot snapshot) {
        List<LeaderboardView.Board> out = new ArrayList<>();
        for (SubmissionPayload.Track track : SubmissionPayload.Track.values()) {
            if (snapshot.hasEntries(task.key(), track.wire())) {
                available(() -> boards.taskBoard(task.key(), track.wire()))
                        .ifPresent(b -> out.add(new LeaderboardView.Board(task, b)));
            }
        }
        return out;
    }

    private Map<Long, String> cardsOf(List<LeaderboardView.Board> taskBoards) {
        Map<Long, String> out = new HashMap<>();
        for (LeaderboardView.Board b : taskBoards) {
            for (Views.BoardEntry e : b.board().entries()) {
                out.computeIfAbsent(e.modelCardId(), id -> cards.find(id).map(Views.ModelCardView::card).orElse(null));
            }
        }
        return out;
    }

    /** A board, or empty when the benchmark answers that its data is not on this server (409). */
    private static <T> Optional<T> available(Supplier<T> board) {
        try {
            return Optional.of(board.get());
        } catch (BenchmarkException e) {
            if (e.status() == CONFLICT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static final int CONFLICT = 409;
}
