package org.crystograph.api.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One structure in a JSON request: its format and its content.
 *
 * @param id optional client identifier, echoed in batch results
 * @param format input format name or alias; null to recognise it from the content
 * @param structure the file's text (a {@link String}), or a JSON object (a {@link java.util.Map}) for the JSON formats
 */
@Schema(description = "One structure: the file text as a string, or a JSON object for the JSON formats.")
public record StructureInput(
        @Schema(description = "Client identifier, echoed in batch results.") String id,
        @Schema(description = "Input format: cif, poscar, extxyz, pymatgen-json or optimade-json (aliases"
                + " pymatgen, optimade, vasp, xyz); recognised from the content when absent.",
                examples = "cif") String format,
        @Schema(required = true, description = "File text (string) or a JSON structure (object).",
                oneOf = {String.class, java.util.Map.class}) Object structure) {
}
