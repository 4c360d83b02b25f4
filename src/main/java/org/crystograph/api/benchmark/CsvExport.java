package org.crystograph.api.benchmark;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.crystograph.api.ApiException;
import org.crystograph.benchmark.Csv;

/** Content negotiation between JSON and CSV exports ({@code Accept: text/csv} or {@code ?format=csv}). */
final class CsvExport {

    /** The CSV media type. */
    static final String TEXT_CSV = "text/csv";

    private CsvExport() {
    }

    /** Whether the client asked for CSV. */
    static boolean wanted(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format.toLowerCase(java.util.Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new ApiException(Response.Status.BAD_REQUEST, "invalid-format", "Bad format",
                        "format must be json or csv, got " + format, Map.of());
            };
        }
        List<MediaType> accept = headers.getAcceptableMediaTypes();
        for (MediaType m : accept) {
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !m.isWildcardType()) {
                return false;
            }
            if (m.getType().equals("text") && m.getSubtype().equals("csv")) {
                return true;
            }
        }
        return false;
    }

    /** A CSV table: header line and rows, fields quoted when needed; numbers written in full precision. */
    static String table(List<String> header, List<List<Object>> rows) {
        StringBuilder sb = new StringBuilder();
        line(sb, header.stream().map(h -> (Object) h).toList());
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    /** A CSV response. */
    static Response csv(String body) {
        return Response.ok(body, TEXT_CSV + ";charset=utf-8").build();
    }

    private static void line(StringBuilder sb, List<Object> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object f = fields.get(i);
            sb.append(f == null ? "" : Csv.quote(f.toString()));
        }
        sb.append('\n');
    }
}
