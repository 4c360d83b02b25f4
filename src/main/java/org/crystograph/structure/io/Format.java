package org.crystograph.structure.io;

import java.util.Locale;
import java.util.Optional;

/** The structure file formats the readers understand. */
public enum Format {
    /** CIF 1.1 (data blocks, loops, symmetry operations, occupancies). */
    CIF("cif"),
    /** VASP POSCAR / CONTCAR (VASP 5 species line). */
    POSCAR("poscar"),
    /** Extended XYZ with {@code Lattice="..."} and {@code Properties=...}. */
    EXTXYZ("extxyz"),
    /** pymatgen {@code Structure.as_dict()} JSON. */
    PYMATGEN_JSON("pymatgen-json"),
    /** OPTIMADE structure JSON (a structure resource, its attributes, or a response with {@code data}). */
    OPTIMADE_JSON("optimade-json");

    private final String id;

    Format(String id) {
        this.id = id;
    }

    /** The short name used on the command line, in the API and in errors, e.g. {@code cif}. */
    public String id() {
        return id;
    }

    /**
     * The format named by {@code name}: its id or a common alias ({@code vasp}, {@code contcar}, {@code xyz},
     * {@code pymatgen}, {@code optimade}), case-insensitive.
     *
     * @return empty when the name is unknown
     */
    public static Optional<Format> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "cif", "mcif" -> Optional.of(CIF);
            case "poscar", "contcar", "vasp" -> Optional.of(POSCAR);
            case "extxyz", "xyz", "ext-xyz" -> Optional.of(EXTXYZ);
            case "pymatgen-json", "pymatgen", "pymatgen_json" -> Optional.of(PYMATGEN_JSON);
            case "optimade-json", "optimade", "optimade_json" -> Optional.of(OPTIMADE_JSON);
            default -> Optional.empty();
        };
    }

    /**
     * A guess from a file name, used only when the content does not decide: {@code *.cif}, {@code POSCAR*},
     * {@code CONTCAR*}, {@code *.vasp}, {@code *.xyz}.
     */
    public static Optional<Format> fromFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1)
                .toLowerCase(Locale.ROOT);
        if (base.endsWith(".cif") || base.endsWith(".mcif")) {
            return Optional.of(CIF);
        }
        if (base.startsWith("poscar") || base.startsWith("contcar") || base.endsWith(".vasp")
                || base.endsWith(".poscar")) {
            return Optional.of(POSCAR);
        }
        if (base.endsWith(".xyz") || base.endsWith(".extxyz")) {
            return Optional.of(EXTXYZ);
        }
        return Optional.empty();
    }
}
