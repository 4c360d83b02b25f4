package org.crystograph.structure.io;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Structure;

/**
 * The summary of one parsed structure as printed by {@code crystograph parse} (one JSON object per line) and returned
 * by {@code POST /v1/structures:parse}.
 *
 * @param file the source file (or zip entry, or the name given to the endpoint)
 * @param block CIF data block, XYZ frame or JSON entry ({@code ""} when the format has none)
 * @param format format id the input was read as
 * @param nsites number of sites in the cell (after symmetry expansion)
 * @param volume cell volume in cubic Angstrom
 * @param species sum of occupancies per element in the cell, elements in alphabetical order
 * @param lattice cell lengths (Angstrom), angles (degrees) and matrix (rows a, b, c in Angstrom)
 * @param warnings what the reader accepted but reports
 */
@JsonPropertyOrder({"file", "block", "format", "nsites", "volume", "species", "lattice", "warnings"})
public record StructureSummary(String file, String block, String format, int nsites, double volume,
        Map<String, Double> species, LatticeSummary lattice, List<String> warnings) {

    /**
     * Lattice parameters.
     *
     * @param a |a| in Angstrom
     * @param b |b| in Angstrom
     * @param c |c| in Angstrom
     * @param alpha angle b-c in degrees
     * @param beta angle a-c in degrees
     * @param gamma angle a-b in degrees
     * @param matrix rows a, b, c in Cartesian Angstrom
     */
    @JsonPropertyOrder({"a", "b", "c", "alpha", "beta", "gamma", "matrix"})
    public record LatticeSummary(double a, double b, double c, double alpha, double beta, double gamma,
            double[][] matrix) {

        /** Summary of a lattice. */
        public static LatticeSummary of(Lattice l) {
            return new LatticeSummary(l.a(), l.b(), l.c(), l.alpha(), l.beta(), l.gamma(), l.matrix());
        }
    }

    /** Summary of a parsed structure. */
    public static StructureSummary of(ParsedStructure p) {
        Structure s = p.structure();
        return new StructureSummary(p.source(), p.block(), p.format().id(), s.size(), s.volume(),
                new LinkedHashMap<>(s.composition()), LatticeSummary.of(s.lattice()), p.warnings());
    }
}
