package org.crystograph.structure.io;

import java.util.List;
import org.crystograph.structure.Structure;

/**
 * One structure read from a file, with where it came from and what the reader had to say about it.
 *
 * @param source the file name, zip entry or other description of the input (never null)
 * @param block the CIF data block name, frame or entry within the source ({@code ""} when the format has none)
 * @param format the format it was read as
 * @param structure the structure (symmetry expanded, images merged)
 * @param warnings human-readable notes on things that were accepted but deserve attention
 */
public record ParsedStructure(String source, String block, Format format, Structure structure, List<String> warnings) {

    /** Validates and copies. */
    public ParsedStructure {
        source = source == null ? "" : source;
        block = block == null ? "" : block;
        if (format == null || structure == null) {
            throw new IllegalArgumentException("format and structure are required");
        }
        warnings = List.copyOf(warnings);
    }
}
