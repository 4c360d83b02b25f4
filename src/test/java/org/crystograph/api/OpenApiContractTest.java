package org.crystograph.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.crystograph.config.DataPaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The top-level {@code openapi.yaml} is the contract: the document the service serves ({@code /openapi}) must agree
 * with it. Both describe the same paths, and on each path the same operations with the same parameters, request
 * bodies, responses (content and header names) and security requirements; both have the same component schemas and
 * security schemes, and those agree too. Descriptions, summaries, examples and tags are prose and are not compared;
 * parameter and response references are resolved before comparing, schema references compare by name.
 */
@QuarkusTest
class OpenApiContractTest {

    /** Paths of the prediction service that the running application must serve. */
    static final Set<String> PREDICTION_PATHS = Set.of("/v1/predictions", "/v1/predictions:batch", "/v1/models",
            "/v1/models/{name}");

    private static final Set<String> IGNORED_KEYS = Set.of("description", "summary", "example", "examples", "tags",
            "title", "externalDocs", "deprecated", "style", "explode");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private JsonNode file;
    private JsonNode served;

    @BeforeEach
    void load() throws IOException {
        Path contract = DataPaths.projectRoot().resolve("openapi.yaml");
        file = new YAMLMapper().readTree(Files.readString(contract));
        served = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/openapi").then()
                .statusCode(200).extract().asString());
        // kept for inspection when the comparison fails
        Files.createDirectories(Path.of("target"));
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(Path.of("target", "openapi-served.json").toFile(),
                served);
    }

    @Test
    void servedPaths_areTheContractPaths() {
        assertThat(names(served.path("paths"))).as("paths served (actual) and in openapi.yaml (expected)")
                .containsExactlyInAnyOrderElementsOf(names(file.path("paths")));
    }

    @Test
    void predictionPaths_areInTheContract() {
        assertThat(names(file.path("paths"))).containsAll(PREDICTION_PATHS);
    }

    @Test
    void everyPath_agreesInOperationsParametersBodiesAndResponses() {
        List<String> diffs = new ArrayList<>();
        for (String p : names(file.path("paths"))) {
            compare(operations(file, file.path("paths").path(p)), operations(served, served.path("paths").path(p)),
                    "paths." + p, diffs);
        }
        assertThat(diffs).as("differences between openapi.yaml (file) and /openapi (served)").isEmpty();
    }

    @Test
    void componentSchemas_agree() {
        JsonNode fileSchemas = file.path("components").path("schemas");
        JsonNode servedSchemas = served.path("components").path("schemas");
        assertThat(names(servedSchemas)).as("schemas served (actual) and in openapi.yaml (expected)")
                .containsExactlyInAnyOrderElementsOf(names(fileSchemas));
        List<String> diffs = new ArrayList<>();
        for (String name : names(fileSchemas)) {
            compare(schema(fileSchemas.path(name)), schema(servedSchemas.path(name)), "schemas." + name, diffs);
        }
        assertThat(diffs).as("differences between openapi.yaml (file) and /openapi (served)").isEmpty();
    }

    @Test
    void securitySchemes_agree() {
        List<String> diffs = new ArrayList<>();
        compare(securitySchemes(file), securitySchemes(served), "securitySchemes", diffs);
        assertThat(diffs).as("differences between openapi.yaml (file) and /openapi (served)").isEmpty();
    }

    @Test
    void comparison_detectsADifferentSchema() {
        // the comparison itself must be able to fail: a changed property type is a difference
        ObjectNode changed = file.path("components").path("schemas").path("PropertyPrediction").deepCopy();
        ((ObjectNode) changed.path("properties").path("value")).put("type", "string");
        List<String> diffs = new ArrayList<>();
        compare(schema(changed), schema(served.path("components").path("schemas").path("PropertyPrediction")),
                "schemas.PropertyPrediction", diffs);
        assertThat(diffs).anyMatch(d -> d.contains("value"));
    }

    // ---- normal forms ----

    /** Operations of a path item with parameters and responses resolved and prose dropped. */
    private static JsonNode operations(JsonNode root, JsonNode item) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String method : names(item)) {
            if (!METHODS.contains(method)) {
                continue;
            }
            JsonNode op = item.path(method);
            ObjectNode o = out.putObject(method);
            o.put("operationId", op.path("operationId").asText(""));
            o.set("security", op.path("security").isMissingNode() ? JsonNodeFactory.instance.arrayNode()
                    : op.path("security"));
            ObjectNode params = o.putObject("parameters");
            List<JsonNode> all = new ArrayList<>();
            item.path("parameters").forEach(all::add);
            op.path("parameters").forEach(all::add);
            for (JsonNode p : all) {
                JsonNode r = resolve(root, p);
                ObjectNode n = params.putObject(r.path("in").asText() + ":" + r.path("name").asText());
                n.put("required", r.path("required").asBoolean(false));
                n.set("schema", schema(r.path("schema")));
            }
            if (op.has("requestBody")) {
                JsonNode body = resolve(root, op.path("requestBody"));
                ObjectNode b = o.putObject("requestBody");
                b.put("required", body.path("required").asBoolean(false));
                b.set("content", content(body.path("content")));
            }
            ObjectNode responses = o.putObject("responses");
            for (String code : names(op.path("responses"))) {
                JsonNode r = resolve(root, op.path("responses").path(code));
                ObjectNode n = responses.putObject(code);
                n.set("content", content(r.path("content")));
                ArrayNode headers = n.putArray("headers");
                names(r.path("headers")).forEach(headers::add);
            }
        }
        return out;
    }

    /** The security schemes, prose dropped. */
    private static JsonNode securitySchemes(JsonNode root) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode schemes = root.path("components").path("securitySchemes");
        for (String name : names(schemes)) {
            ObjectNode scheme = schemes.path(name).deepCopy();
            scheme.remove(IGNORED_KEYS);
            out.set(name, scheme);
        }
        return out;
    }

    private static JsonNode content(JsonNode content) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String type : names(content)) {
            out.set(type, schema(content.path(type).path("schema")));
        }
        return out;
    }

    /** A schema's structure: types, formats, references, properties, items, required, compositions. */
    private static JsonNode schema(JsonNode s) {
        if (s == null || s.isMissingNode() || s.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!s.isObject()) {
            return s;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Iterator<String> it = s.fieldNames();
        while (it.hasNext()) {
            String key = it.next();
            JsonNode v = s.get(key);
            if (IGNORED_KEYS.contains(key)) {
                continue;
            }
            switch (key) {
                case "type" -> {
                    ArrayNode types = out.putArray("type");
                    Set<String> sorted = new TreeSet<>();
                    if (v.isArray()) {
                        v.forEach(t -> sorted.add(t.asText()));
                    } else {
                        sorted.add(v.asText());
                    }
                    sorted.forEach(types::add);
                }
                case "required" -> {
                    ArrayNode req = out.putArray("required");
                    Set<String> sorted = new TreeSet<>();
                    v.forEach(t -> sorted.add(t.asText()));
                    sorted.forEach(req::add);
                }
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    for (String p : new TreeSet<>(names(v))) {
                        props.set(p, schema(v.get(p)));
                    }
                }
                case "items", "additionalProperties", "not" -> out.set(key, v.isObject() ? schema(v) : v);
                case "oneOf", "anyOf", "allOf" -> {
                    ArrayNode arr = out.putArray(key);
                    v.forEach(x -> arr.add(schema(x)));
                }
                default -> out.set(key, v);
            }
        }
        return out;
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String pointer = ref.asText();
        if (!pointer.startsWith("#/")) {
            throw new AssertionError("external reference " + pointer);
        }
        JsonNode target = root.at(pointer.substring(1));
        if (target.isMissingNode()) {
            throw new AssertionError("dangling reference " + pointer);
        }
        return resolve(root, target);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Records every difference between two normal forms, with its location. */
    static void compare(JsonNode fileNode, JsonNode servedNode, String where, List<String> diffs) {
        if (fileNode.isObject() && servedNode.isObject()) {
            Set<String> keys = new TreeSet<>(names(fileNode));
            keys.addAll(names(servedNode));
            for (String k : keys) {
                if (!fileNode.has(k)) {
                    diffs.add(where + "." + k + ": served only: " + servedNode.get(k));
                } else if (!servedNode.has(k)) {
                    diffs.add(where + "." + k + ": file only: " + fileNode.get(k));
                } else {
                    compare(fileNode.get(k), servedNode.get(k), where + "." + k, diffs);
                }
            }
        } else if (fileNode.isArray() && servedNode.isArray() && fileNode.size() == servedNode.size()) {
            for (int i = 0; i < fileNode.size(); i++) {
                compare(fileNode.get(i), servedNode.get(i), where + "[" + i + "]", diffs);
            }
        } else if (!fileNode.equals(servedNode)) {
            diffs.add(where + ": file " + fileNode + " vs served " + servedNode);
        }
    }
}
