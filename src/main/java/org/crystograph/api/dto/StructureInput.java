package org.crystograph.api.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One structure in a JSON request: its format and its content.
 *
 * @param id optional client identifier, echoed in batch results
 * @param format input format ({@code cif}, {@code poscar}, {@code extxyz}, {@code pymatgen}, {@code optimade})
 * @param structure the file's text (a {@link String}), or a JSON object (a {@link java.util.Map}) for the JSON formats
 */
@Schema(description = "One structure: the file text as a string, or a JSON object for the JSON formats.")
public record StructureInput(
        @Schema(description = "Client identifier, echoed in batch results.") String id,
        @Schema(required = true, description = "Input format: cif, poscar, extxyz, pymatgen or optimade.",
                examples = "cif") String format,
        @Schema(required = true, description = "File text (string) or a JSON structure (object).",
                oneOf = {String.class, java.util.Map.class}) Object structure) {
}
