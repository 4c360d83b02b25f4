package org.crystograph.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * An RFC 9457 problem document.
 *
 * @param type URI reference identifying the problem type
 * @param title short summary of the type
 * @param status HTTP status code
 * @param detail explanation of this occurrence
 * @param extensions extension members, serialised at top level
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@org.eclipse.microprofile.openapi.annotations.media.Schema(
        additionalProperties = org.eclipse.microprofile.openapi.annotations.media.Schema.True.class)
public record Problem(String type, String title, int status, String detail,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Extension members at the top level of the JSON object. */
    @JsonAnyGetter
    public Map<String, Object> any() {
        return extensions;
    }
}
