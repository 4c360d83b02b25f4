package org.crystograph.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Collection;
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

    /** JSON request bodies that do not parse: 400 naming the line and column. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return response(toProblem(e));
    }

    /**
     * JSON of the wrong shape (an array where an object belongs, a number for a list): 400 naming the field. Declared
     * for this exact type so that it takes the place of the JSON extension's own mapper, which answers an empty 400.
     */
    @ServerExceptionMapper
    public Response jsonShape(MismatchedInputException e) {
        return response(toProblem(e));
    }

    /**
     * Request bodies that cannot be read at all, such as a multipart body that is not one: 400. Reading the body is
     * the only I/O a request does before the service takes over, and the service wraps its own I/O failures.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e) {
        return problem(400, "unreadable-body", "Unreadable request body",
                "the request body could not be read: " + e.getMessage(), Map.of());
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

    /** The 400 problem document of a JSON body that does not parse or does not fit, naming where. */
    static Problem toProblem(JsonProcessingException e) {
        Map<String, Object> ext = new LinkedHashMap<>();
        String detail = e.getOriginalMessage();
        if (e instanceof MismatchedInputException m) {
            String field = jsonPath(m);
            if (!field.isEmpty()) {
                ext.put("field", field);
            }
            // Jackson's message names Java types; say what JSON was expected instead
            detail = "the JSON " + (field.isEmpty() ? "body" : "value of '" + field + "'") + " should be "
                    + jsonKind(m.getTargetType());
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            ext.put("line", at.getLineNr());
            ext.put("column", at.getColumnNr());
        }
        return new Problem("/problems/malformed-json", "Malformed JSON", 400, detail, ext);
    }

    /** The path of a mapping failure, such as {@code structures[3].format}. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String jsonKind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type) || type == Boolean.class) {
            return type == boolean.class || type == Boolean.class ? "true or false" : "a number";
        }
        return "an object";
    }

    /** JAX-RS failures (404 for unknown paths, 405, 406, 415, ...), kept with their status. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json); // the JSON reader reports syntax errors wrapped in a plain 400
        }
        if (e instanceof NotFoundException && e.getCause() instanceof IllegalArgumentException bad) {
            // JAX-RS answers a path or query parameter that does not convert (?model_card_id=abc) with 404
            return problem(400, "invalid-parameter", "Invalid parameter",
                    "a path or query parameter does not have the expected type: " + bad.getMessage(), Map.of());
        }
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
