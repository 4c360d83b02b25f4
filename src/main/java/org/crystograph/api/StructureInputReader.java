package org.crystograph.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.crystograph.config.ServingConfig;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.graph.GraphSettings;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;
import org.crystograph.structure.io.Format;
import org.crystograph.structure.io.ParsedStructure;
import org.crystograph.structure.io.StructureReaders;

/**
 * Turns request input into what the models need: one structure read by {@link StructureReaders} (at most
 * {@code crystograph.serving.max-sites-per-structure} sites) and its graph for given graph settings.
 */
@ApplicationScoped
public class StructureInputReader {

    /** Format names accepted in requests (aliases such as {@code pymatgen}, {@code optimade}, {@code vasp} too). */
    public static final List<String> FORMATS = Arrays.stream(Format.values()).map(Format::id).toList();

    @Inject
    ServingConfig serving;

    /** The source named in reader messages. */
    private static final String SOURCE = "request";

    private final Map<GraphSettings, GraphBuilder> builders = new ConcurrentHashMap<>();

    /**
     * A read structure and the reader's warnings.
     *
     * @param structure the structure
     * @param format the format it was read as
     * @param warnings reader notes
     */
    public record Parsed(Structure structure, Format format, List<String> warnings) {
    }

    /**
     * Reads exactly one structure.
     *
     * @param text the file content
     * @param formatName a format name or alias; null to recognise the format from the content
     * @throws ApiException 415 for an unknown format name
     * @throws StructureException 422 when the text is not one valid structure
     */
    public Parsed read(String text, String formatName) {
        return one(StructureReaders.read(text, format(formatName), SOURCE, options()));
    }

    /**
     * Reads exactly one structure from a file's bytes, decoded as {@link StructureReaders#read(byte[], Optional,
     * String, ReadOptions)} decodes files: UTF-8 (a byte-order mark skipped), else ISO-8859-1 for legacy files;
     * binary content is refused.
     *
     * @param file the file's bytes
     * @param formatName a format name or alias; null to recognise the format from the content
     * @throws ApiException 415 for an unknown format name
     * @throws StructureException 422 when the bytes are not one valid structure (binary content included)
     */
    public Parsed read(byte[] file, String formatName) {
        return one(StructureReaders.read(file, format(formatName), SOURCE, options()));
    }

    private static Optional<Format> format(String formatName) {
        if (formatName == null || formatName.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Format.fromName(formatName).orElseThrow(() -> new ApiException(
                Response.Status.UNSUPPORTED_MEDIA_TYPE, "unknown-format", "Unknown structure format",
                "unknown format '" + formatName + "'", Map.of("formats", FORMATS))));
    }

    private ReadOptions options() {
        return ReadOptions.defaults().withMaxSites(serving.maxSitesPerStructure());
    }

    private static Parsed one(List<ParsedStructure> all) {
        if (all.size() != 1) {
            throw new StructureException(all.isEmpty() ? "structure" : all.get(0).format().id(), 0, null,
                    "the input holds " + all.size() + " structures; send one per request, or several to"
                            + " POST /v1/predictions:batch");
        }
        ParsedStructure p = all.get(0);
        return new Parsed(p.structure(), p.format(), p.warnings());
    }

    /**
     * The graph of a structure for the graph settings a model was trained with.
     *
     * @throws StructureException for coincident or isolated sites (422)
     */
    public CrystalGraph graph(Structure structure, GraphSettings settings) {
        return builders.computeIfAbsent(settings, GraphBuilder::new).build(structure);
    }
}
