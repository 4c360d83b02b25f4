package org.crystograph.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.crystograph.config.ServingConfig;

/**
 * Refuses request bodies larger than {@code crystograph.serving.max-request-bytes} with a 413 problem document,
 * judged by {@code Content-Length} before anything is read. Bodies without a length that grow past
 * {@code quarkus.http.limits.max-body-size} are cut off by the HTTP layer itself (also 413).
 */
@ApplicationScoped
public class RequestSizeFilter {

    /** Runs before every other route. */
    private static final int ORDER = Integer.MIN_VALUE;

    @Inject
    ServingConfig serving;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        long limit = serving.maxRequestBytes();
        router.route().order(ORDER).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long bytes;
            try {
                bytes = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                bytes = -1;
            }
            if (bytes <= limit) {
                ctx.next();
                return;
            }
            Problem p = new Problem("/problems/payload-too-large", "Payload too large", 413,
                    "the request body has " + bytes + " bytes; at most " + limit + " are accepted",
                    Map.of("limit_bytes", limit));
            String body;
            try {
                body = mapper.writeValueAsString(p);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                body = "{\"status\":413}";
            }
            ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close").end(body);
        });
    }
}
