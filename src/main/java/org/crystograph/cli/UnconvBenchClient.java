package org.crystograph.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A team's client for an UnconvBench server: posts a model card and a submission through the same REST endpoints
 * every participant uses ({@code POST /v1/model-cards}, {@code POST /v1/tasks/{key}/submissions}).
 */
final class UnconvBenchClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final URI server;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /**
     * @param server base URL, e.g. {@code http://localhost:8080}
     * @param token the team's API token
     */
    UnconvBenchClient(URI server, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a team token is needed to submit (--token or $" + EvaluateCommand.TOKEN_ENV
                    + ")");
        }
        this.server = server;
        this.token = token;
    }

    /** Registers a model card and returns its id. */
    long postModelCard(String cardJson) {
        return post("/v1/model-cards", cardJson).path("id").asLong();
    }

    /** Submits predictions to a task and returns the server's submission record (outcome and scores). */
    JsonNode submit(String taskKey, ObjectNode payload) {
        try {
            return post("/v1/tasks/" + taskKey + "/submissions", json.writeValueAsString(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode newObject() {
        return json.createObjectNode();
    }

    private JsonNode post(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + request.uri(), e);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new SubmissionRefused(request.uri(), response.statusCode(), answer);
        }
        return answer;
    }

    private JsonNode parse(String body) {
        try {
            return body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode().put("detail", body);
        }
    }

    /** The server answered with a 4xx or 5xx; the problem document says why. */
    static final class SubmissionRefused extends RuntimeException {

        private final transient JsonNode problem;
        private final int status;

        SubmissionRefused(URI uri, int status, JsonNode problem) {
            super("POST " + uri + " answered " + status + ": " + problem.path("title").asText("")
                    + (problem.hasNonNull("detail") ? " (" + problem.get("detail").asText() + ")" : ""));
            this.problem = problem;
            this.status = status;
        }

        JsonNode problem() {
            return problem;
        }

        int status() {
            return status;
        }
    }
}
