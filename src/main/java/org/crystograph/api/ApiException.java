package org.crystograph.api;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * A failure at the REST edge that becomes an {@code application/problem+json} response (RFC 9457) through
 * {@link ProblemMapper}. Services throw their own typed exceptions; resources translate them into this (or the mapper
 * handles the core's exceptions directly).
 */
public class ApiException extends RuntimeException {

    /**
     * 422 Unprocessable Content (RFC 9110), which {@link Response.Status} lacks: {@code fromStatusCode(422)} is null,
     * and a problem built with it was a 500.
     */
    public static final Response.StatusType UNPROCESSABLE = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    private final Response.StatusType status;
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
    public ApiException(Response.StatusType status, String type, String title, String detail,
            Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** Convenience for a problem without extensions. */
    public ApiException(Response.StatusType status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    /** The HTTP status of the problem. */
    public Response.StatusType status() {
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
