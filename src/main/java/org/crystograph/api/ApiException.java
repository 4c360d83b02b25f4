package org.crystograph.api;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * A failure at the REST edge that becomes an {@code application/problem+json} response (RFC 9457) through
 * {@link ProblemMapper}. Services throw their own typed exceptions; resources translate them into this (or the mapper
 * handles the core's exceptions directly).
 */
public class ApiException extends RuntimeException {

    private final Response.Status status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;

    /**
     * @param status HTTP status
     * @param type short problem type, becomes {@code /problems/<type>}
     * @param title short summary of the problem type
     * @param detail human explanation of this occurrence
     * @param extensions extra members of the problem object (field names, lists of bad ids, ...)
     */
    public ApiException(Response.Status status, String type, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** Convenience for a problem without extensions. */
    public ApiException(Response.Status status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    public Response.Status status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
