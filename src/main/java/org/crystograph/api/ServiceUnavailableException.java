package org.crystograph.api;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;

/** A 503 problem that tells the client when to retry ({@code Retry-After}, whole seconds, at least 1). */
public class ServiceUnavailableException extends ApiException {

    private final long retryAfterSeconds;

    /**
     * @param type short problem type
     * @param title summary of the type
     * @param detail this occurrence
     * @param retryAfter suggested wait
     * @param extensions extra members
     */
    public ServiceUnavailableException(String type, String title, String detail, Duration retryAfter,
            Map<String, Object> extensions) {
        super(Response.Status.SERVICE_UNAVAILABLE, type, title, detail, extensions);
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** Seconds for the {@code Retry-After} header. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
