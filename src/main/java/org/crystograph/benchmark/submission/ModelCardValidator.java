package org.crystograph.benchmark.submission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Validates a model card against the schema of spec section 6 (after Matbench Discovery): required fields and
 * their types, SPDX-like licence identifiers, the openness code, and no keys outside the schema. Pure.
 */
public final class ModelCardValidator {

    /** Allowed values of {@code openness}: open/closed source x open/closed data. */
    public static final Set<String> OPENNESS = Set.of("OSOD", "OSCD", "CSOD", "CSCD");

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern SPDX = Pattern.compile("[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ORCID = Pattern.compile("\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]");

    /** field -> (required, check, what the check expects). */
    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    private record Field(boolean required, Predicate<JsonNode> check, String expects) {
    }

    static {
        field("model_name", true, ModelCardValidator::nonBlank, "a non-empty string");
        field("model_version", true, ModelCardValidator::nonBlank, "a non-empty string");
        field("date", true, n -> n.isTextual() && DATE.matcher(n.asText()).matches(), "a date YYYY-MM-DD");
        field("authors", true, ModelCardValidator::authors,
                "a non-empty list of {name, affiliation, orcid?} objects");
        field("contact_email", true, n -> n.isTextual() && EMAIL.matcher(n.asText()).matches(), "an e-mail address");
        field("repo_url", true, ModelCardValidator::url, "an http(s) URL");
        field("paper", false, n -> nonBlank(n), "a DOI or URL");
        field("code_licence", true, ModelCardValidator::spdx, "an SPDX licence identifier");
        field("checkpoint_licence", true, ModelCardValidator::spdx, "an SPDX licence identifier");
        field("openness", true, n -> n.isTextual() && OPENNESS.contains(n.asText()), "one of " + OPENNESS);
        field("model_params", true, n -> n.isIntegralNumber() && n.asLong() > 0, "a positive integer");
        field("training_sets", true, n -> n.isArray() && n.size() > 0 && all(n, ModelCardValidator::nonBlank),
                "a non-empty list of dataset names");
        field("hyperparameters", true, JsonNode::isObject, "an object of key/value pairs");
        field("environment", true, n -> n.isObject() && n.size() > 0, "a non-empty object of runtime -> version");
        field("checkpoint_url", false, ModelCardValidator::url, "an http(s) URL");
        field("checkpoint_sha256", false, n -> n.isTextual() && SHA256.matcher(n.asText()).matches(),
                "64 lower-case hex digits");
        field("hardware", true, ModelCardValidator::nonBlank, "device type x count, e.g. \"1x NVIDIA H100\"");
        field("run_time_sec", true, ModelCardValidator::runTimes,
                "an object task -> {train: seconds >= 0, predict: seconds >= 0}");
        field("max_rss_gb", true, ModelCardValidator::nonNegative, "a number >= 0");
        field("max_gpu_mem_gb", true, ModelCardValidator::nonNegative, "a number >= 0 (0 without GPU)");
        field("training_cost", false, ModelCardValidator::nonNegative, "device-hours >= 0");
    }

    private ModelCardValidator() {
    }

    private static void field(String name, boolean required, Predicate<JsonNode> check, String expects) {
        FIELDS.put(name, new Field(required, check, expects));
    }

    /** The field names of the schema. */
    public static Set<String> fieldNames() {
        return FIELDS.keySet();
    }

    /**
     * Validates a card.
     *
     * @return violations with rule {@code model_card} and the field names as ids; empty when valid
     */
    public static List<Violation> validate(JsonNode card) {
        List<Violation> v = new ArrayList<>();
        if (card == null || !card.isObject()) {
            v.add(Violation.of("model_card", null, "a model card must be a JSON object"));
            return v;
        }
        List<String> unknown = new ArrayList<>();
        card.fieldNames().forEachRemaining(k -> {
            if (!FIELDS.containsKey(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            v.add(new Violation("model_card", null, unknown.size(), unknown, "unknown keys; the schema allows "
                    + FIELDS.keySet()));
        }
        List<String> missing = new ArrayList<>();
        FIELDS.forEach((name, f) -> {
            JsonNode n = card.get(name);
            if (n == null || n.isNull()) {
                if (f.required()) {
                    missing.add(name);
                }
            } else if (!f.check().test(n)) {
                v.add(new Violation("model_card", null, 1, List.of(name), name + " must be " + f.expects()));
            }
        });
        if (!missing.isEmpty()) {
            v.add(new Violation("model_card", null, missing.size(), missing, "required fields are missing"));
        }
        return v;
    }

    private static boolean nonBlank(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank();
    }

    private static boolean url(JsonNode n) {
        return n.isTextual() && URL.matcher(n.asText()).matches();
    }

    private static boolean spdx(JsonNode n) {
        return n.isTextual() && SPDX.matcher(n.asText()).matches();
    }

    private static boolean nonNegative(JsonNode n) {
        return n.isNumber() && Double.isFinite(n.asDouble()) && n.asDouble() >= 0;
    }

    private static boolean all(JsonNode array, Predicate<JsonNode> p) {
        for (JsonNode e : array) {
            if (!p.test(e)) {
                return false;
            }
        }
        return true;
    }

    private static boolean authors(JsonNode n) {
        if (!n.isArray() || n.size() == 0) {
            return false;
        }
        for (JsonNode a : n) {
            if (!a.isObject() || !nonBlank(a.path("name")) || !nonBlank(a.path("affiliation"))) {
                return false;
            }
            Iterator<String> keys = a.fieldNames();
            while (keys.hasNext()) {
                if (!Set.of("name", "affiliation", "orcid").contains(keys.next())) {
                    return false;
                }
            }
            if (a.has("orcid") && !(a.get("orcid").isTextual() && ORCID.matcher(a.get("orcid").asText()).matches())) {
                return false;
            }
        }
        return true;
    }

    private static boolean runTimes(JsonNode n) {
        if (!n.isObject() || n.size() == 0) {
            return false;
        }
        for (JsonNode t : n) {
            if (!t.isObject() || !nonNegative(t.path("train")) || !nonNegative(t.path("predict")) || t.size() != 2) {
                return false;
            }
        }
        return true;
    }
}
