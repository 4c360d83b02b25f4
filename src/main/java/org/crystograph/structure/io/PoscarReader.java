package org.crystograph.structure.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Site;
import org.crystograph.structure.Species;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;

/**
 * VASP POSCAR / CONTCAR: comment, scale (positive: factor; negative: target cell volume in A^3; or three factors),
 * three lattice vectors (A), the VASP 5 species line, counts, optional {@code Selective dynamics}, {@code Direct} or
 * {@code Cartesian}, then one position per atom (selective-dynamics flags {@code T}/{@code F} checked and ignored).
 * Lines after the positions (velocities, predictor-corrector data) are ignored. A VASP 4 file without the species
 * line is read only when the comment line lists exactly one element symbol per count (as pymatgen does), with a
 * warning. The cell must lie within {@link CellLimits}; atoms on one position follow {@link CoincidentAtoms} (with
 * full occupancies: refused as duplicates).
 */
final class PoscarReader {

    static final String FORMAT = "poscar";
    private static final int MAX_TOKENS = 16;

    private PoscarReader() {
    }

    static ParsedStructure read(char[] chars, int length, String source, ReadOptions options) {
        TextLines in = new TextLines(chars, length);
        List<String> warnings = new ArrayList<>(0);
        int[] t = new int[2 * MAX_TOKENS];
        require(in, "comment line");
        String comment = in.line().trim();

        require(in, "scale factor");
        int ns = in.tokens(t);
        double[] scale;
        boolean volumeScale = false;
        if (ns == 1 || (ns > 1 && ns != 3 && Double.isNaN(Numbers.parse(chars, t[2], t[3], false)))) {
            double s = number(in, t, 0, "scale factor");
            if (s == 0) {
                throw error(in, "scale", "scale factor 0");
            }
            volumeScale = s < 0;
            scale = new double[] {s, s, s};
        } else if (ns == 3) {
            scale = new double[] {number(in, t, 0, "scale"), number(in, t, 1, "scale"), number(in, t, 2, "scale")};
            for (double s : scale) {
                if (s <= 0) {
                    throw error(in, "scale", "per-axis scale factors must be positive, got " + s);
                }
            }
        } else {
            throw error(in, "scale", "expected a scale factor, got '" + CifReader.shorten(in.line().trim()) + "'");
        }

        double[][] m = new double[3][3];
        int firstLatticeLine = in.lineNumber() + 1;
        for (int i = 0; i < 3; i++) {
            require(in, "lattice vector " + (i + 1));
            if (in.tokens(t) < 3) {
                throw error(in, "lattice", "lattice vector " + (i + 1) + " needs 3 numbers: '" + in.line().trim() + "'");
            }
            for (int k = 0; k < 3; k++) {
                m[i][k] = number(in, t, k, "lattice vector " + (i + 1));
            }
        }
        if (volumeScale) {
            double det = Math.abs(m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                    - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                    + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]));
            if (!(det > Lattice.MIN_VOLUME)) {
                throw error(in, "lattice", "cell volume " + det + " A^3 cannot be scaled to a target volume");
            }
            double f = Math.cbrt(-scale[0] / det);
            scale = new double[] {f, f, f};
        }
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                m[i][k] *= scale[k];
            }
        }
        Lattice lattice;
        try {
            lattice = new Lattice(m);
        } catch (StructureException e) {
            throw error(in, "lattice", e.getMessage());
        }
        int lastLatticeLine = in.lineNumber();
        CellLimits.Where where = (part, message) -> new StructureException(FORMAT,
                part >= 0 && part < 3 ? firstLatticeLine + part : lastLatticeLine, "lattice", message);
        CellLimits.check(lattice, where);

        require(in, "species or counts line");
        List<String> first = in.tokenStrings();
        List<String> symbols;
        List<String> countTokens;
        int countLine;
        if (!first.isEmpty() && isInteger(first.get(0))) {
            countTokens = first;
            countLine = in.lineNumber();
            List<String> fromComment = List.of(comment.split("\\s+"));
            if (fromComment.size() >= first.size() && fromComment.subList(0, first.size()).stream()
                    .allMatch(s -> ElementSymbols.exact(symbolPart(s)) > 0)) {
                symbols = fromComment.subList(0, first.size());
                warnings.add("VASP 4 file without a species line: species taken from the comment line " + symbols);
            } else {
                throw error(in, "species", "no species line (VASP 4 format) and the comment line does not name the "
                        + first.size() + " species");
            }
        } else {
            symbols = first;
            require(in, "counts line");
            countTokens = in.tokenStrings();
            countLine = in.lineNumber();
        }
        if (symbols.isEmpty() || countTokens.size() != symbols.size()) {
            throw error(in, "counts", countTokens.size() + " counts for " + symbols.size() + " species " + symbols);
        }
        int[] zs = new int[symbols.size()];
        int[] counts = new int[symbols.size()];
        long total = 0;
        for (int i = 0; i < zs.length; i++) {
            String sym = symbolPart(symbols.get(i));
            zs[i] = ElementSymbols.exact(sym);
            if (zs[i] == 0) {
                throw new StructureException(FORMAT, countLine - (countTokens == first ? 0 : 1), "species",
                        ElementSymbols.unknown(symbols.get(i)));
            }
            if (!isInteger(countTokens.get(i)) || countTokens.get(i).length() > 9) {
                throw new StructureException(FORMAT, countLine, "counts", "atom count '"
                        + CifReader.shorten(countTokens.get(i)) + "' is not a positive integer");
            }
            counts[i] = Integer.parseInt(countTokens.get(i));
            if (counts[i] <= 0) {
                throw new StructureException(FORMAT, countLine, "counts", "atom count " + counts[i] + " of "
                        + symbols.get(i) + " must be positive");
            }
            total += counts[i];
        }
        if (total > options.maxSites()) {
            throw new StructureException(FORMAT, countLine, "counts", total + " atoms exceed the limit of "
                    + options.maxSites());
        }
        CellLimits.checkVolumePerAtom(lattice, total, where);

        require(in, "coordinate mode (Direct or Cartesian)");
        boolean selective = false;
        String mode = in.line().trim();
        if (!mode.isEmpty() && (mode.charAt(0) == 'S' || mode.charAt(0) == 's')) {
            selective = true;
            require(in, "coordinate mode (Direct or Cartesian)");
            mode = in.line().trim();
        }
        char mc = mode.isEmpty() ? ' ' : Character.toLowerCase(mode.charAt(0));
        boolean cartesian;
        if (mc == 'c' || mc == 'k') {
            cartesian = true;
        } else if (mc == 'd') {
            cartesian = false;
        } else {
            throw error(in, "mode", "expected Direct or Cartesian, got '" + CifReader.shorten(mode) + "'");
        }

        double[][] inv = cartesian ? lattice.inverse() : null;
        List<Site> sites = new ArrayList<>((int) total);
        String[] atomLabel = new String[(int) total];
        CoincidentAtoms coincident = new CoincidentAtoms((int) total, options, a -> (a + 1) + " (" + atomLabel[a] + ")",
                (a, message) -> error(in, "positions", message)); // refused while the atom's line is current
        int atom = 0;
        for (int s = 0; s < zs.length; s++) {
            List<Species> species = List.of(new Species(zs[s], 1.0));
            String label = symbolPart(symbols.get(s));
            for (int a = 0; a < counts[s]; a++) {
                require(in, "position of atom " + (sites.size() + 1) + " of " + total);
                int nt = in.tokens(t);
                if (nt < 3) {
                    throw error(in, "positions", "position of atom " + (sites.size() + 1) + " needs 3 numbers: '"
                            + CifReader.shorten(in.line().trim()) + "'");
                }
                double[] p = {number(in, t, 0, "position"), number(in, t, 1, "position"), number(in, t, 2, "position")};
                if (selective) {
                    if (nt < 6) {
                        throw error(in, "selective dynamics", "selective dynamics needs 3 flags T/F after the position");
                    }
                    for (int k = 3; k < 6; k++) {
                        int len = t[2 * k + 1] - t[2 * k];
                        char c = chars[t[2 * k]];
                        if (len != 1 || (c != 'T' && c != 'F' && c != 't' && c != 'f')) {
                            throw error(in, "selective dynamics", "flag '" + new String(chars, t[2 * k], len)
                                    + "' is not T or F");
                        }
                    }
                }
                if (cartesian) {
                    double x = p[0] * scale[0];
                    double y = p[1] * scale[1];
                    double z = p[2] * scale[2];
                    p[0] = x * inv[0][0] + y * inv[1][0] + z * inv[2][0];
                    p[1] = x * inv[0][1] + y * inv[1][1] + z * inv[2][1];
                    p[2] = x * inv[0][2] + y * inv[1][2] + z * inv[2][2];
                }
                Site site;
                try {
                    site = new Site(species, p, label);
                } catch (StructureException e) {
                    throw error(in, "positions", "atom " + (atom + 1) + " (" + label + "): " + e.getMessage());
                }
                atomLabel[atom] = label;
                int before = coincident.size();
                int at = coincident.place(FractionalGrid.wrap(p[0]), FractionalGrid.wrap(p[1]), FractionalGrid.wrap(p[2]),
                        species, atom, warnings);
                atom++;
                if (at == before) {
                    sites.add(site);
                } else {
                    Site kept = sites.get(at);
                    sites.set(at, new Site(coincident.species(at), kept.frac(), kept.label()));
                }
            }
        }
        return new ParsedStructure(source, comment, Format.POSCAR, new Structure(lattice, sites), warnings);
    }

    /** The element part of a POTCAR-style name: {@code Fe_pv} -> Fe, {@code Si/abc} -> Si. */
    private static String symbolPart(String s) {
        int cut = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_' || c == '/' || c == '.') {
                cut = i;
                break;
            }
        }
        return s.substring(0, cut);
    }

    private static boolean isInteger(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void require(TextLines in, String what) {
        if (!in.next()) {
            throw new StructureException(FORMAT, in.lineNumber() + 1, what, "file ends before the " + what);
        }
    }

    private static double number(TextLines in, int[] t, int k, String what) {
        double v = Numbers.parse(in.b, t[2 * k], t[2 * k + 1], false);
        if (Double.isNaN(v)) {
            throw error(in, what, what + ": '" + CifReader.shorten(new String(in.b, t[2 * k], t[2 * k + 1] - t[2 * k]))
                    + "' is not a number");
        }
        return v;
    }

    private static StructureException error(TextLines in, String field, String message) {
        return new StructureException(FORMAT, in.lineNumber(), field.toLowerCase(Locale.ROOT), message);
    }
}
