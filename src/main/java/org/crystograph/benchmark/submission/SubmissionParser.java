package org.crystograph.benchmark.submission;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crystograph.benchmark.Csv;

/**
 * Parses submission payloads, JSON or CSV, into a {@link SubmissionPayload}. Parsing never throws for bad content:
 * every problem becomes a {@code format} or {@code folds} {@link Violation} so the whole upload can be rejected with
 * a complete list.
 *
 * <p>JSON: {@code {"model_card_id": 1, "track": "cv", "folds": {"fold_0": [{"id", "prediction", "std"?}, ...]}}} or
 * {@code {"model_card_id": 1, "track": "hidden", "predictions": [...]}}. CSV: header {@code fold,id,prediction[,std]}
 * with the fold key ({@code fold_0}..{@code fold_4}, or {@code hidden}) on every row; the model card and track come
 * from the request (query parameters).
 */
public final class SubmissionParser {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> TOP_KEYS = Set.of("model_card_id", "track", "folds", "predictions");
    private static final Set<String> ROW_KEYS = Set.of("id", "prediction", "std");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("(?i)([+-]?)(nan|inf|infinity)");
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']*)'");
    private static final Pattern FOLD_KEY = Pattern.compile("fold_\\d+|hidden");

    private SubmissionParser() {
    }

    /**
     * Parses a JSON payload.
     *
     * @param body raw UTF-8 bytes
     */
    public static SubmissionPayload parseJson(byte[] body) {
        List<Violation> problems = new ArrayList<>();
        Map<String, List<PredictionRow>> folds = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonParseException e) {
            Matcher m = DUPLICATE_FIELD.matcher(e.getOriginalMessage());
            if (m.find() && FOLD_KEY.matcher(m.group(1)).matches()) {
                problems.add(new Violation("folds", m.group(1), 1, List.of(m.group(1)),
                        "fold key '" + m.group(1) + "' appears more than once"));
            } else {
                problems.add(Violation.of("format", null, "not valid JSON: " + e.getOriginalMessage()));
            }
            return new SubmissionPayload(null, null, folds, problems);
        } catch (IOException e) {
            problems.add(Violation.of("format", null, "not valid JSON: " + e.getMessage()));
            return new SubmissionPayload(null, null, folds, problems);
        }
        if (root == null || !root.isObject()) {
            problems.add(Violation.of("format", null, "the payload must be a JSON object"));
            return new SubmissionPayload(null, null, folds, problems);
        }
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(k -> {
            if (!TOP_KEYS.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            problems.add(new Violation("format", null, unknown.size(), unknown,
                    "unknown top-level keys; allowed: " + TOP_KEYS));
        }
        Long card = null;
        JsonNode cardNode = root.get("model_card_id");
        if (cardNode != null && !cardNode.isNull()) {
            if (cardNode.canConvertToLong() && cardNode.isIntegralNumber()) {
                card = cardNode.asLong();
            } else {
                problems.add(Violation.of("model_card", null, "model_card_id must be an integer"));
            }
        }
        SubmissionPayload.Track track = null;
        JsonNode trackNode = root.get("track");
        if (trackNode != null) {
            track = SubmissionPayload.Track.parse(trackNode.isTextual() ? trackNode.asText() : null);
            if (track == null) {
                problems.add(Violation.of("format", null, "track must be \"cv\" or \"hidden\""));
            }
        }
        JsonNode foldsNode = root.get("folds");
        JsonNode predictionsNode = root.get("predictions");
        if (foldsNode != null && predictionsNode != null) {
            problems.add(Violation.of("format", null, "give either folds (cv track) or predictions (hidden track)"));
        } else if (predictionsNode != null) {
            track = track == null ? SubmissionPayload.Track.HIDDEN : track;
            folds.put(SubmissionPayload.HIDDEN_KEY, rows(predictionsNode, SubmissionPayload.HIDDEN_KEY, problems));
        } else if (foldsNode != null) {
            track = track == null ? SubmissionPayload.Track.CV : track;
            if (!foldsNode.isObject()) {
                problems.add(Violation.of("format", null, "folds must be an object of fold_k -> rows"));
            } else {
                Iterator<Map.Entry<String, JsonNode>> it = foldsNode.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    folds.put(e.getKey(), rows(e.getValue(), e.getKey(), problems));
                }
            }
        } else {
            problems.add(Violation.of("format", null, "no predictions: give folds (cv) or predictions (hidden)"));
        }
        return new SubmissionPayload(track, card, folds, problems);
    }

    private static List<PredictionRow> rows(JsonNode node, String fold, List<Violation> problems) {
        List<PredictionRow> rows = new ArrayList<>();
        if (!node.isArray()) {
            problems.add(Violation.of("format", fold, "rows of " + fold + " must be an array"));
            return rows;
        }
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            if (!r.isObject() || r.get("id") == null || !r.get("id").isTextual()) {
                bad.add(fold + "[" + i + "]");
                continue;
            }
            Iterator<String> names = r.fieldNames();
            boolean extra = false;
            while (names.hasNext()) {
                extra |= !ROW_KEYS.contains(names.next());
            }
            if (extra) {
                bad.add(r.get("id").asText());
                continue;
            }
            rows.add(new PredictionRow(r.get("id").asText(), value(r.get("prediction")), value(r.get("std"))));
        }
        if (!bad.isEmpty()) {
            problems.add(new Violation("format", fold, bad.size(), bad,
                    "each row must be an object {id: string, prediction: number, std?: number} without other keys"));
        }
        return rows;
    }

    private static PredictionRow.Value value(JsonNode n) {
        if (n == null) {
            return PredictionRow.Value.ABSENT;
        }
        if (n.isNull()) {
            return new PredictionRow.Value(PredictionRow.Kind.NULL, Double.NaN);
        }
        if (n.isNumber()) {
            return PredictionRow.Value.number(n.asDouble());
        }
        return new PredictionRow.Value(PredictionRow.Kind.TEXT, Double.NaN);
    }

    /**
     * Parses a CSV payload with header {@code fold,id,prediction[,std]}.
     *
     * @param body raw UTF-8 bytes
     * @param track the track named by the request (null: cv)
     * @param modelCardId the model card named by the request
     */
    public static SubmissionPayload parseCsv(byte[] body, SubmissionPayload.Track track, Long modelCardId) {
        List<Violation> problems = new ArrayList<>();
        Map<String, List<PredictionRow>> folds = new LinkedHashMap<>();
        SubmissionPayload.Track t = track == null ? SubmissionPayload.Track.CV : track;
        try (BufferedReader in = new BufferedReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            String header = in.readLine();
            if (header == null) {
                problems.add(Violation.of("format", null, "empty CSV"));
                return new SubmissionPayload(t, modelCardId, folds, problems);
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            List<String> cols = Csv.split(header).stream().map(String::trim).toList();
            int fold = cols.indexOf("fold");
            int id = cols.indexOf("id");
            int pred = cols.indexOf("prediction");
            int std = cols.indexOf("std");
            boolean known = cols.stream().allMatch(c -> Set.of("fold", "id", "prediction", "std").contains(c));
            if (fold < 0 || id < 0 || pred < 0 || !known || cols.size() != cols.stream().distinct().count()) {
                problems.add(Violation.of("format", null, "CSV header must be fold,id,prediction[,std], got '"
                        + header + "'"));
                return new SubmissionPayload(t, modelCardId, folds, problems);
            }
            List<String> bad = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = Csv.split(line);
                if (f.size() != cols.size()) {
                    bad.add("line " + lineNo);
                    continue;
                }
                folds.computeIfAbsent(f.get(fold).trim(), k -> new ArrayList<>()).add(new PredictionRow(
                        f.get(id).trim(), csvValue(f.get(pred)),
                        std < 0 ? PredictionRow.Value.ABSENT : csvValue(f.get(std))));
            }
            if (!bad.isEmpty()) {
                problems.add(new Violation("format", null, bad.size(), bad,
                        "rows must have " + cols.size() + " fields like the header"));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new SubmissionPayload(t, modelCardId, folds, problems);
    }

    private static PredictionRow.Value csvValue(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return new PredictionRow.Value(PredictionRow.Kind.NULL, Double.NaN);
        }
        if (DECIMAL.matcher(s).matches()) {
            return PredictionRow.Value.number(Double.parseDouble(s));
        }
        Matcher m = NON_FINITE.matcher(s);
        if (m.matches()) {
            double v = m.group(2).equalsIgnoreCase("nan") ? Double.NaN
                    : m.group(1).equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return PredictionRow.Value.number(v);
        }
        return new PredictionRow.Value(PredictionRow.Kind.TEXT, Double.NaN);
    }
}
