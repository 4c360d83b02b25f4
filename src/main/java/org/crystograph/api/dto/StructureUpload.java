package org.crystograph.api.dto;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The multipart form of {@code POST /v1/predictions}, for the API document (the resource reads the parts directly).
 *
 * @param file the structure file
 * @param format input format; default from the part's content type or file name
 */
@Schema(requiredProperties = "file")
public record StructureUpload(
        @Schema(type = SchemaType.STRING, format = "binary", description = "The structure file.") String file,
        @Schema(description = "Input format; default from the part's content type, its file name, else its content.") String format) {
}
