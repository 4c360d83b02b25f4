package org.crystograph.benchmark.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every rejection class of the rules table, on JSON and CSV payloads. */
class SubmissionValidatorTest {

    /** Two folds of two ids each keep the cases small; the rules do not depend on the fold count. */
    private static final Map<String, Set<String>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("fold_0", Set.of("t-1", "t-2"));
        EXPECTED.put("fold_1", Set.of("t-3", "t-4"));
    }

    private static SubmissionValidator.Result json(String body) {
        return SubmissionValidator.validate(SubmissionParser.parseJson(body.getBytes(StandardCharsets.UTF_8)),
                EXPECTED);
    }

    private static SubmissionValidator.Result csv(String body) {
        return SubmissionValidator.validate(SubmissionParser.parseCsv(body.getBytes(StandardCharsets.UTF_8), null,
                7L), EXPECTED);
    }

    private static Map<String, Violation> byRule(SubmissionValidator.Result r) {
        return r.violations().stream().collect(Collectors.toMap(v -> v.rule() + ":" + v.fold(), v -> v,
                (a, b) -> a));
    }

    private static final String VALID = """
            {"model_card_id": 7, "folds": {
              "fold_0": [{"id": "t-1", "prediction": 1.0}, {"id": "t-2", "prediction": 2}],
              "fold_1": [{"id": "t-3", "prediction": -3.5}, {"id": "t-4", "prediction": 4e-1}]}}""";

    @Test
    void shouldAcceptAnExactSubmission_jsonAndCsv() {
        SubmissionValidator.Result r = json(VALID);
        assertThat(r.violations()).isEmpty();
        assertThat(r.accepted().predictions().get("fold_1")).containsEntry("t-4", 0.4);
        assertThat(r.accepted().std()).isNull();
        SubmissionValidator.Result c = csv("fold,id,prediction,std\nfold_0,t-1,1,0.5\nfold_0,t-2,2,0.5\n"
                + "fold_1,t-3,3,1\nfold_1,t-4,4,1e-3\n");
        assertThat(c.violations()).isEmpty();
        assertThat(c.accepted().std().get("fold_1")).containsEntry("t-4", 0.001);
        assertThat(SubmissionParser.parseJson(VALID.getBytes(StandardCharsets.UTF_8)).modelCardId()).isEqualTo(7L);
    }

    @Test
    void shouldRejectSubmissionWithMissingAndUnknownIds_reportedSeparately() {
        Map<String, Violation> v = byRule(json("""
                {"folds": {"fold_0": [{"id": "t-1", "prediction": 1}, {"id": "x-9", "prediction": 2}],
                           "fold_1": [{"id": "t-3", "prediction": 3}, {"id": "t-4", "prediction": 4}]}}"""));
        assertThat(v.get("missing_ids:fold_0").ids()).containsExactly("t-2");
        assertThat(v.get("unknown_ids:fold_0").ids()).containsExactly("x-9");
        assertThat(v).hasSize(2);
    }

    @Test
    void shouldRejectSubmissionWithDuplicateIds_withinAndAcrossFolds() {
        Map<String, Violation> v = byRule(csv("fold,id,prediction\nfold_0,t-1,1\nfold_0,t-1,1\nfold_0,t-2,1\n"
                + "fold_1,t-3,1\nfold_1,t-4,1\nfold_1,t-2,1\n"));
        assertThat(v.get("duplicate_ids:fold_0").ids()).containsExactly("t-1");
        assertThat(v.get("duplicate_ids:null").ids()).containsExactly("t-2");
        assertThat(v.get("unknown_ids:fold_1").ids()).containsExactly("t-2");
    }

    @Test
    void shouldRejectMissingOrUnknownFoldKeys_andAFoldKeyGivenTwice() {
        List<Violation> v = json("""
                {"folds": {"fold_0": [{"id": "t-1", "prediction": 1}, {"id": "t-2", "prediction": 2}],
                           "fold_7": []}}""").violations();
        assertThat(v).filteredOn(x -> x.rule().equals("folds")).flatMap(Violation::ids)
                .containsExactlyInAnyOrder("fold_1", "fold_7");
        Map<String, Violation> twice = byRule(json("""
                {"folds": {"fold_0": [], "fold_0": [], "fold_1": []}}"""));
        assertThat(twice.get("folds:fold_0").message()).contains("more than once");
    }

    @Test
    void shouldRejectNonNumericAndNonFinitePredictions() {
        Map<String, Violation> v = byRule(json("""
                {"folds": {"fold_0": [{"id": "t-1", "prediction": "1.0"}, {"id": "t-2", "prediction": null}],
                           "fold_1": [{"id": "t-3", "prediction": NaN}, {"id": "t-4", "prediction": -Infinity}]}}"""));
        assertThat(v.get("non_numeric_prediction:fold_0").ids()).containsExactly("t-1", "t-2");
        assertThat(v.get("non_finite_prediction:fold_1").ids()).containsExactly("t-3", "t-4");
        Map<String, Violation> c = byRule(csv("fold,id,prediction\nfold_0,t-1,abc\nfold_0,t-2,\n"
                + "fold_1,t-3,nan\nfold_1,t-4,inf\n"));
        assertThat(c.get("non_numeric_prediction:fold_0").count()).isEqualTo(2);
        assertThat(c.get("non_finite_prediction:fold_1").count()).isEqualTo(2);
    }

    @Test
    void shouldRejectPartialOrNonPositiveStd() {
        Map<String, Violation> v = byRule(json("""
                {"folds": {"fold_0": [{"id": "t-1", "prediction": 1, "std": 0}, {"id": "t-2", "prediction": 2}],
                           "fold_1": [{"id": "t-3", "prediction": 3, "std": -1}, {"id": "t-4", "prediction": 4}]}}"""));
        assertThat(v.get("partial_std:null").ids()).containsExactly("t-2", "t-4");
        assertThat(v.get("invalid_std:fold_0").ids()).containsExactly("t-1");
        assertThat(v.get("invalid_std:fold_1").ids()).containsExactly("t-3");
    }

    @Test
    void shouldRejectMalformedPayloads_asFormatViolations() {
        assertThat(json("not json").violations()).extracting(Violation::rule).containsExactly("format");
        assertThat(json("[1,2]").violations()).extracting(Violation::rule).containsExactly("format");
        assertThat(byRule(json("{\"folds\": {}, \"extra\": 1}")).get("format:null").ids()).containsExactly("extra");
        assertThat(byRule(json("{\"folds\": {\"fold_0\": [{\"id\": 5, \"prediction\": 1}], \"fold_1\": []}}"))
                .get("format:fold_0").ids()).containsExactly("fold_0[0]");
        assertThat(csv("id,prediction\nt-1,1\n").violations()).extracting(Violation::rule).containsExactly("format");
        assertThat(json("{\"model_card_id\": \"x\", \"folds\": {}}").violations()).extracting(Violation::rule)
                .contains("model_card");
    }

    @Test
    void offendingIdLists_areCappedAtTwenty_butCountsAreComplete() {
        StringBuilder rows = new StringBuilder("fold,id,prediction\n");
        for (int i = 0; i < 30; i++) {
            rows.append("fold_0,u-").append(i).append(",1\n");
        }
        Violation unknown = byRule(csv(rows.toString())).get("unknown_ids:fold_0");
        assertThat(unknown.count()).isEqualTo(30);
        assertThat(unknown.ids()).hasSize(Violation.MAX_EXAMPLES);
    }

    @Test
    void hiddenTrack_predictionsListFiledUnderHiddenKey() {
        SubmissionPayload p = SubmissionParser.parseJson("""
                {"track": "hidden", "predictions": [{"id": "h-1", "prediction": 1}]}""".getBytes(
                StandardCharsets.UTF_8));
        assertThat(p.track()).isEqualTo(SubmissionPayload.Track.HIDDEN);
        SubmissionValidator.Result r = SubmissionValidator.validate(p, Map.of("hidden", Set.of("h-1", "h-2")));
        assertThat(r.violations()).extracting(Violation::rule).containsExactly("missing_ids");
        assertThat(r.violations().get(0).ids()).isEqualTo(List.of("h-2"));
    }
}
