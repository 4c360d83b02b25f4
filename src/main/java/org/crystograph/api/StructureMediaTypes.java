package org.crystograph.api;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.crystograph.structure.io.Format;

/** The media types of structure files accepted as raw request bodies, and the reader format each one selects. */
public final class StructureMediaTypes {

    /** CIF text. */
    public static final String CIF = "chemical/x-cif";
    /** VASP POSCAR / CONTCAR text. */
    public static final String POSCAR = "chemical/x-vasp";
    /** Extended XYZ text. */
    public static final String EXTXYZ = "chemical/x-extxyz";
    /** An OPTIMADE structure resource (or a response holding one) as JSON. */
    public static final String OPTIMADE = "application/vnd.optimade+json";
    /** A pymatgen {@code Structure.as_dict()} JSON document. */
    public static final String PYMATGEN = "application/vnd.pymatgen+json";

    private static final Map<String, String> FORMATS = Map.of(
            CIF, "cif",
            POSCAR, "poscar",
            EXTXYZ, "extxyz",
            OPTIMADE, "optimade",
            PYMATGEN, "pymatgen");

    private StructureMediaTypes() {
    }

    /** The reader format of a raw-body media type (parameters such as charset ignored), if it is one of ours. */
    public static Optional<String> format(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        String base = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(FORMATS.get(base));
    }

    /** Guesses the format of an uploaded file from its name ({@code .cif}, {@code POSCAR*}, {@code .xyz}, ...). */
    public static Optional<String> formatOfFileName(String fileName) {
        return Format.fromFileName(fileName).map(Format::id);
    }
}
