package org.crystograph.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Structure;
import org.crystograph.structure.io.ParsedStructure;

/**
 * What the predict page shows about one parsed structure, formatted for display.
 *
 * @param source file name or "pasted text"
 * @param block CIF data block or frame name ("" when none)
 * @param format the format it was read as (id, e.g. {@code cif})
 * @param formula cell contents in Hill order, e.g. {@code Cl4 Na4}
 * @param sites number of sites in the cell
 * @param volume cell volume in cubic Angstrom, formatted
 * @param lengths a, b, c in Angstrom, formatted
 * @param angles alpha, beta, gamma in degrees, formatted
 * @param matrix the three lattice vectors (rows) in Angstrom, formatted
 * @param warnings reader warnings (accepted input that deserves attention)
 */
public record StructureSummary(String source, String block, String format, String formula, int sites, String volume,
        List<String> lengths, List<String> angles, List<String> matrix, List<String> warnings) {

    /** Amounts closer than this to an integer are written as integers. */
    private static final double INTEGER_TOLERANCE = 1e-6;

    /** Copies the lists. */
    public StructureSummary {
        lengths = List.copyOf(lengths);
        angles = List.copyOf(angles);
        matrix = List.copyOf(matrix);
        warnings = List.copyOf(warnings);
    }

    /** The same summary with other warnings (a prediction's, which add what the graph showed to the reader's). */
    public StructureSummary withWarnings(List<String> replaced) {
        return new StructureSummary(source, block, format, formula, sites, volume, lengths, angles, matrix, replaced);
    }

    /** Summarises a parsed structure. */
    public static StructureSummary of(ParsedStructure parsed) {
        Structure s = parsed.structure();
        Lattice l = s.lattice();
        List<String> rows = new ArrayList<>();
        for (double[] row : l.matrix()) {
            rows.add(String.format(Locale.ROOT, "%10.5f %10.5f %10.5f", row[0], row[1], row[2]));
        }
        return new StructureSummary(parsed.source(), parsed.block(), parsed.format().id(), formula(s.composition()),
                s.size(), fixed(s.volume(), 3),
                List.of(fixed(l.a(), 5), fixed(l.b(), 5), fixed(l.c(), 5)),
                List.of(fixed(l.alpha(), 3), fixed(l.beta(), 3), fixed(l.gamma(), 3)), rows, parsed.warnings());
    }

    /**
     * Cell contents in Hill order (C, H, then alphabetical when carbon is present; alphabetical otherwise), amounts
     * as sums of occupancies: {@code Cl4 Na4}, {@code Au1 Cu3}, {@code Fe0.5 Ni0.5 O1}.
     */
    public static String formula(Map<String, Double> composition) {
        List<String> symbols = new ArrayList<>(composition.keySet());
        symbols.sort(String::compareTo);
        if (composition.containsKey("C")) {
            symbols.remove("C");
            symbols.add(0, "C");
            if (symbols.remove("H")) {
                symbols.add(1, "H");
            }
        }
        StringBuilder out = new StringBuilder();
        for (String symbol : symbols) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(symbol).append(amount(composition.get(symbol)));
        }
        return out.toString();
    }

    private static String amount(double value) {
        if (Math.abs(value - Math.rint(value)) < INTEGER_TOLERANCE) {
            return Long.toString(Math.round(value));
        }
        String s = String.format(Locale.ROOT, "%.4f", value);
        return s.replaceAll("0+$", "");
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
