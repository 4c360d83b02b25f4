package org.crystograph.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

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
@Schema(additionalProperties = Schema.True.class, properties = {
    @SchemaProperty(name = "format", type = SchemaType.STRING, description = "invalid structures: the input format"),
    @SchemaProperty(name = "line", type = SchemaType.INTEGER, format = "int32",
            description = "invalid structures: 1-based line, when known"),
    @SchemaProperty(name = "field", type = SchemaType.STRING,
            description = "invalid structures: the field or tag, when known"),
})
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
