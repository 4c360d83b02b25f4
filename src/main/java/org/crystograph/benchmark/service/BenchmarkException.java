package org.crystograph.benchmark.service;

import java.util.Map;

/**
 * A typed failure of a benchmark service (unknown task, bad token, conflict, ...). It carries the HTTP status and
 * problem type so that the one problem+json mapper can render it; the core stays free of JAX-RS types.
 */
public class BenchmarkException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;

    /**
     * @param status HTTP status code
     * @param type problem type (becomes {@code /problems/<type>})
     * @param title short summary of the type
     * @param detail this occurrence
     * @param extensions extra problem members
     */
    public BenchmarkException(int status, String type, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** 404 for an unknown resource. */
    public static BenchmarkException notFound(String what, String detail) {
        return new BenchmarkException(404, what + "-not-found", "Not found", detail, Map.of());
    }

    /** 401 for a missing or unknown bearer token. */
    public static BenchmarkException unauthorized(String detail) {
        return new BenchmarkException(401, "unauthorized", "Unauthorized", detail, Map.of());
    }

    /** 409 for a request that conflicts with the current state. */
    public static BenchmarkException conflict(String type, String detail) {
        return new BenchmarkException(409, type, "Conflict", detail, Map.of());
    }

    /** 400/422-style validation failure of request parameters. */
    public static BenchmarkException invalid(String type, String detail) {
        return new BenchmarkException(422, type, "Invalid request", detail, Map.of());
    }

    /** HTTP status. */
    public int status() {
        return status;
    }

    /** Problem type. */
    public String type() {
        return type;
    }

    /** Problem title. */
    public String title() {
        return title;
    }

    /** Extra members. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
