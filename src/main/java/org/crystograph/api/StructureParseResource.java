package org.crystograph.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.io.Format;
import org.crystograph.structure.io.ParsedStructure;
import org.crystograph.structure.io.StructureReaders;
import org.crystograph.structure.io.StructureSummary;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/structures:parse}: reads a structure file sent as the request body and returns the summaries of its
 * structures (a JSON array: one element per CIF data block, XYZ frame or JSON entry, each as one line of
 * {@code crystograph parse}). The format comes from the {@code format} query parameter, else the content type, else
 * the content. Unreadable input is 422 {@code application/problem+json} naming the line and the problem.
 */
@Path("/v1/structures:parse")
public class StructureParseResource {

    private static final String BODY_NAME = "body";

    /**
     * Parses the body.
     *
     * @param format optional format name ({@code cif}, {@code poscar}, {@code extxyz}, {@code pymatgen-json},
     *     {@code optimade-json})
     * @param filename optional name echoed as {@code file} in the summaries
     * @param contentType the request's content type
     * @param body the file's bytes
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "parseStructures", summary = "Read a structure file and summarise its structures")
    @APIResponse(responseCode = "200", description = "The structures read.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = StructureSummary.class)))
    @APIResponse(responseCode = "400", description = "Unknown format name.", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The input cannot be read faithfully.", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Tag(name = "structures")
    public List<StructureSummary> parse(
            @Parameter(schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"cif", "poscar", "extxyz", "pymatgen-json", "optimade-json"}))
            @QueryParam("format") String format,
            @QueryParam("filename") String filename,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        Optional<Format> fmt = format != null && !format.isBlank() ? Format.fromName(format) : fromContentType(contentType);
        if (format != null && !format.isBlank() && fmt.isEmpty()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "unknown-format", "Unknown format",
                    "format '" + format + "' is not one of cif, poscar, extxyz, pymatgen-json, optimade-json");
        }
        String name = filename == null || filename.isBlank() ? BODY_NAME : filename;
        List<ParsedStructure> parsed = StructureReaders.read(body == null ? new byte[0] : body, fmt, name,
                ReadOptions.defaults());
        return parsed.stream().map(StructureSummary::of).toList();
    }

    /** The format a content type names; empty for generic types (text/plain, application/json, octet-stream). */
    static Optional<Format> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "chemical/x-cif", "application/cif", "text/cif" -> Optional.of(Format.CIF);
            case "chemical/x-vasp", "chemical/x-poscar" -> Optional.of(Format.POSCAR);
            case "chemical/x-xyz", "chemical/x-extxyz" -> Optional.of(Format.EXTXYZ);
            case "application/vnd.optimade+json" -> Optional.of(Format.OPTIMADE_JSON);
            case "application/vnd.pymatgen+json" -> Optional.of(Format.PYMATGEN_JSON);
            default -> Optional.empty();
        };
    }
}
