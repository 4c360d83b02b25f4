package org.crystograph.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crystograph.benchmark.service.BenchmarkException;
import org.crystograph.structure.StructureException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become {@code application/problem+json}. Bad input is always a 4xx; only genuine server
 * faults are 500, and those are logged.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** Typed edge failures. */
    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response r = problem(e.status().getStatusCode(), e.type(), e.title(), e.getMessage(), e.extensions());
        if (e instanceof ServiceUnavailableException u) {
            return Response.fromResponse(r).header(HttpHeaders.RETRY_AFTER, u.retryAfterSeconds()).build();
        }
        return r;
    }

    /** Unreadable JSON request bodies: 400 instead of the framework's default body. */
    @ServerExceptionMapper
    public Response json(com.fasterxml.jackson.core.JsonProcessingException e) {
        return problem(400, "malformed-json", "Malformed JSON", e.getOriginalMessage(), Map.of());
    }

    /** Typed failures of the benchmark services (unknown task, bad token, conflicts, invalid model cards). */
    @ServerExceptionMapper
    public Response benchmark(BenchmarkException e) {
        return problem(e.status(), e.type(), e.title(), e.getMessage(), e.extensions());
    }

    /** An unreadable or invalid structure: 422 naming the format, line and field. */
    @ServerExceptionMapper
    public Response structure(StructureException e) {
        return response(toProblem(e));
    }

    /** The problem document of an edge failure (also used for per-item problems in batch responses). */
    public static Problem toProblem(ApiException e) {
        return new Problem("/problems/" + e.type(), e.title(), e.status().getStatusCode(), e.getMessage(),
                e.extensions());
    }

    /** The 422 problem document of an invalid structure, naming its format, line and field. */
    public static Problem toProblem(StructureException e) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("format", e.format());
        if (e.line() > 0) {
            ext.put("line", e.line());
        }
        if (e.field() != null) {
            ext.put("field", e.field());
        }
        return new Problem("/problems/invalid-structure", "Invalid structure", 422, e.describe(), ext);
    }

    /** JAX-RS failures (404 for unknown paths, 405, 406, 415, ...), kept with their status. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status s = Response.Status.fromStatusCode(status);
        String title = s == null ? "HTTP " + status : s.getReasonPhrase();
        if (status >= 500) {
            LOG.error("server error", e);
        }
        return problem(status, title.toLowerCase().replace(' ', '-'), title, e.getMessage(), Map.of());
    }

    /** Builds a problem response; shared with resources that answer problems directly. */
    public static Response problem(int status, String type, String title, String detail, Map<String, Object> ext) {
        return response(new Problem("/problems/" + type, title, status, detail, ext));
    }

    private static Response response(Problem body) {
        return Response.status(body.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
