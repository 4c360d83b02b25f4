package org.crystograph.structure.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crystograph.structure.Elements;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Site;
import org.crystograph.structure.Species;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;

/**
 * Extended XYZ: per frame an atom count, a comment line of {@code key=value} pairs with {@code Lattice="ax ay az bx
 * by bz cx cy cz"} (Angstrom, required) and {@code Properties=species:S:1:pos:R:3[:...]} (this default when absent;
 * {@code Z:I:1} may stand in for species), then one line per atom. Several frames give several structures. A
 * {@code pbc} other than {@code "T T T"} is reported as a warning: structures here are always 3-D periodic. The cell
 * must lie within {@link CellLimits}; atoms on one position follow {@link CoincidentAtoms} (refused as duplicates).
 */
final class ExtXyzReader {

    static final String FORMAT = "extxyz";
    private static final String DEFAULT_PROPERTIES = "species:S:1:pos:R:3";

    private ExtXyzReader() {
    }

    static List<ParsedStructure> read(char[] chars, int length, String source, ReadOptions options) {
        TextLines in = new TextLines(chars, length);
        List<ParsedStructure> out = new ArrayList<>();
        int[] t = new int[64];
        int frame = 0;
        while (in.next()) {
            if (in.blank()) {
                continue;
            }
            String countText = in.line().trim();
            int countLine = in.lineNumber();
            int natoms;
            if (!countText.matches("\\d{1,9}")) {
                throw new StructureException(FORMAT, countLine, "natoms", "expected the number of atoms, got '"
                        + CifReader.shorten(countText) + "'");
            }
            natoms = Integer.parseInt(countText);
            if (natoms == 0) {
                throw new StructureException(FORMAT, countLine, "natoms", "frame " + frame + " has 0 atoms");
            }
            if (natoms > options.maxSites()) {
                throw new StructureException(FORMAT, countLine, "natoms", natoms + " atoms exceed the limit of "
                        + options.maxSites());
            }
            if (!in.next()) {
                throw new StructureException(FORMAT, countLine + 1, "comment", "file ends before the comment line");
            }
            List<String> warnings = new ArrayList<>(0);
            Map<String, String> info = keyValues(in.line(), in.lineNumber());
            String latticeText = info.get("lattice");
            if (latticeText == null) {
                throw new StructureException(FORMAT, in.lineNumber(), "Lattice", "frame " + frame
                        + " has no Lattice=\"...\" (a periodic cell is required)");
            }
            Lattice lattice = lattice(latticeText, in.lineNumber());
            CellLimits.checkVolumePerAtom(lattice, natoms, where(in.lineNumber()));
            String pbc = info.get("pbc");
            if (pbc != null && !pbc.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").matches("T T T|TRUE TRUE TRUE")) {
                warnings.add("pbc=\"" + pbc + "\" ignored: the structure is read as periodic in 3-D");
            }
            int[] columns = columns(info.getOrDefault("properties", DEFAULT_PROPERTIES), in.lineNumber());
            int speciesCol = columns[0];
            int zCol = columns[1];
            int posCol = columns[2];
            int width = columns[3];
            if (t.length < 2 * width) {
                t = new int[2 * width];
            }
            List<Site> sites = new ArrayList<>(natoms);
            String[] atomLabel = new String[natoms];
            CoincidentAtoms coincident = new CoincidentAtoms(natoms, options, a -> (a + 1) + " (" + atomLabel[a] + ")",
                    (a, message) -> new StructureException(FORMAT, in.lineNumber(), "pos", message));
            for (int a = 0; a < natoms; a++) {
                if (!in.next()) {
                    throw new StructureException(FORMAT, in.lineNumber() + 1, "atoms", "file ends after " + a + " of "
                            + natoms + " atoms");
                }
                int nt = in.tokens(t);
                if (nt < width) {
                    throw new StructureException(FORMAT, in.lineNumber(), "atoms", "atom line has " + nt
                            + " columns, Properties needs " + width + ": '" + CifReader.shorten(in.line().trim()) + "'");
                }
                int z;
                String label;
                if (speciesCol >= 0) {
                    label = new String(chars, t[2 * speciesCol], t[2 * speciesCol + 1] - t[2 * speciesCol]);
                    z = ElementSymbols.exact(label);
                } else {
                    label = new String(chars, t[2 * zCol], t[2 * zCol + 1] - t[2 * zCol]);
                    z = label.matches("\\d{1,3}") ? Integer.parseInt(label) : 0;
                    z = z >= 1 && z <= Elements.MAX_Z ? z : 0;
                }
                if (z == 0) {
                    throw new StructureException(FORMAT, in.lineNumber(), "species", ElementSymbols.unknown(label));
                }
                double[] x = new double[3];
                for (int k = 0; k < 3; k++) {
                    int c = posCol + k;
                    x[k] = Numbers.parse(chars, t[2 * c], t[2 * c + 1], false);
                    if (Double.isNaN(x[k])) {
                        throw new StructureException(FORMAT, in.lineNumber(), "pos", "position '"
                                + CifReader.shorten(new String(chars, t[2 * c], t[2 * c + 1] - t[2 * c]))
                                + "' is not a number");
                    }
                }
                List<Species> species = List.of(new Species(z, 1.0));
                Site site;
                try {
                    site = new Site(species, lattice.toFractional(x), Elements.symbol(z));
                } catch (StructureException e) {
                    throw new StructureException(FORMAT, in.lineNumber(), "pos", e.getMessage());
                }
                atomLabel[a] = site.label();
                int before = coincident.size();
                int at = coincident.place(FractionalGrid.wrap(site.frac(0)), FractionalGrid.wrap(site.frac(1)),
                        FractionalGrid.wrap(site.frac(2)), species, a, warnings);
                if (at == before) {
                    sites.add(site);
                } else {
                    Site kept = sites.get(at);
                    sites.set(at, new Site(coincident.species(at), kept.frac(), kept.label()));
                }
            }
            out.add(new ParsedStructure(source, "frame " + frame, Format.EXTXYZ, new Structure(lattice, sites), warnings));
            frame++;
        }
        if (out.isEmpty()) {
            throw new StructureException(FORMAT, 1, "natoms", "no frames");
        }
        return out;
    }

    private static Lattice lattice(String text, int line) {
        String[] v = text.trim().split("\\s+");
        if (v.length != 9) {
            throw new StructureException(FORMAT, line, "Lattice", "Lattice needs 9 numbers, got " + v.length);
        }
        double[][] m = new double[3][3];
        for (int i = 0; i < 9; i++) {
            double x = Numbers.parse(v[i]);
            if (Double.isNaN(x)) {
                throw new StructureException(FORMAT, line, "Lattice", "Lattice value '" + CifReader.shorten(v[i])
                        + "' is not a number");
            }
            m[i / 3][i % 3] = x;
        }
        Lattice lattice;
        try {
            lattice = new Lattice(m);
        } catch (StructureException e) {
            throw new StructureException(FORMAT, line, "Lattice", e.getMessage());
        }
        return CellLimits.check(lattice, where(line));
    }

    private static CellLimits.Where where(int line) {
        return (part, message) -> new StructureException(FORMAT, line, "Lattice", message);
    }

    /** Column of species (or -1), of Z (or -1), of the first pos column, and the number of columns. */
    private static int[] columns(String properties, int line) {
        String[] p = properties.split(":");
        if (p.length % 3 != 0) {
            throw new StructureException(FORMAT, line, "Properties", "Properties '" + CifReader.shorten(properties)
                    + "' is not a list of name:type:count triples");
        }
        int species = -1;
        int z = -1;
        int pos = -1;
        int col = 0;
        for (int i = 0; i < p.length; i += 3) {
            String name = p[i].toLowerCase(Locale.ROOT);
            String type = p[i + 1].toUpperCase(Locale.ROOT);
            int count;
            try {
                count = Integer.parseInt(p[i + 2]);
            } catch (NumberFormatException e) {
                throw new StructureException(FORMAT, line, "Properties", "column count '" + p[i + 2] + "' of " + p[i]
                        + " is not an integer");
            }
            if (count < 1 || !type.matches("[SRIL]")) {
                throw new StructureException(FORMAT, line, "Properties", "bad property " + p[i] + ":" + p[i + 1] + ":"
                        + p[i + 2]);
            }
            if (name.equals("species") && type.equals("S") && count == 1) {
                species = col;
            } else if (name.equals("z") && type.equals("I") && count == 1) {
                z = col;
            } else if (name.equals("pos") && type.equals("R") && count == 3) {
                pos = col;
            }
            col += count;
        }
        if (pos < 0 || (species < 0 && z < 0)) {
            throw new StructureException(FORMAT, line, "Properties", "Properties must include species:S:1 (or Z:I:1)"
                    + " and pos:R:3, got '" + CifReader.shorten(properties) + "'");
        }
        return new int[] {species, z, pos, col};
    }

    /** Parses {@code key=value key="quoted value" key={braced} flag} pairs; keys lower-cased. */
    static Map<String, String> keyValues(String s, int line) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int ks = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(ks, i).toLowerCase(Locale.ROOT);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=') {
                out.put(key, "T");
                continue;
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String value;
            if (i < n && (s.charAt(i) == '"' || s.charAt(i) == '{' || s.charAt(i) == '\'')) {
                char close = s.charAt(i) == '{' ? '}' : s.charAt(i);
                int end = s.indexOf(close, i + 1);
                if (end < 0) {
                    throw new StructureException(FORMAT, line, key, "value of " + key + " is not closed with " + close);
                }
                value = s.substring(i + 1, end);
                i = end + 1;
            } else {
                int vs = i;
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                value = s.substring(vs, i);
            }
            out.put(key, value);
        }
        return out;
    }
}
